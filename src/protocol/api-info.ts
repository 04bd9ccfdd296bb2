// "Use via API": a renderable description of an app's endpoints, from `/config` and (when available) `/info`.
import type { ApiInfo, ApiParameter, AppConfig, DependencyConfig } from './types.js';
import { snakeCase } from './files.js';

export interface ApiParameterDescription {
  /** Keyword name accepted by `submit(endpoint, {name: value})`. */
  name: string;
  label: string;
  /** A TypeScript-like rendering of the JSON schema: `string`, `number`, `"a" | "b"`, `FileData`, … */
  type: string;
  component: string;
  hasDefault: boolean;
  default: unknown;
  example: unknown;
  description: string;
}

export interface ApiReturnDescription {
  label: string;
  type: string;
  component: string;
}

export interface ApiEndpointDescription {
  /** `/greet` */
  name: string;
  fnIndex: number;
  description: string;
  parameters: ApiParameterDescription[];
  returns: ApiReturnDescription[];
  generator: boolean;
}

export interface ApiDescription {
  endpoints: ApiEndpointDescription[];
}

type Schema = Record<string, unknown> | undefined;

/** Renders a component's JSON schema as a short type expression for people to read. */
export function schemaType(s: Schema): string {
  if (!s || typeof s !== 'object') return 'any';
  const props = s.properties as Record<string, Schema> | undefined;
  if (props?.path && props.meta) return 'FileData';
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) return [...new Set(union.map(schemaType))].join(' | ');
  if (s.type === 'array') {
    const t = schemaType(s.items as Schema);
    return t.includes(' ') ? `(${t})[]` : `${t}[]`;
  }
  if (s.type === 'integer') return 'number';
  if (typeof s.type === 'string') return s.type;
  return props ? 'object' : 'any';
}

/** True for dependencies that an API client may call by name and that documentation should list. */
export function isPublicEndpoint(d: DependencyConfig): boolean {
  return !!d.api_name && d.backend_fn !== false && d.show_api !== false && (d.api_visibility ?? 'public') === 'public';
}

/**
 * Describes one endpoint. Parameter names, defaults and types come from `/info` when it lists the
 * endpoint; otherwise they are derived from the components (names from labels), a best guess.
 */
export function describeEndpoint(config: AppConfig, info: ApiInfo | null, d: DependencyConfig): ApiEndpointDescription {
  const fromInfo = d.api_name ? info?.named_endpoints?.['/' + d.api_name] : undefined;
  // Without /info, describe the non-State components the way /info would.
  const guess = (ids: number[], schema: 'api_info_as_input' | 'api_info_as_output'): ApiParameter[] =>
    ids
      .map((id) => config.components.find((c) => c.id === id)!)
      .filter((c) => c && c.type !== 'state' && !c.skip_api)
      .map((c, i) => {
        const label = String(c.props.label ?? `parameter_${c.id}`);
        return {
          label,
          parameter_name: snakeCase(label) || `param_${i}`,
          parameter_has_default: 'value' in c.props,
          parameter_default: c.props.value,
          type: c[schema] ?? c.api_info ?? {},
          python_type: { type: '', description: '' },
          component: c.type.charAt(0).toUpperCase() + c.type.slice(1),
          example_input: c.example_inputs,
        };
      });
  const params = fromInfo?.parameters ?? guess(d.inputs, 'api_info_as_input');
  const returns = fromInfo?.returns ?? guess(d.outputs, 'api_info_as_output');
  return {
    name: '/' + d.api_name,
    fnIndex: d.id,
    description: fromInfo?.description || d.api_description || '',
    parameters: params.map((p) => ({
      name: p.parameter_name ?? snakeCase(p.label),
      label: p.label,
      type: schemaType(p.type),
      component: p.component,
      hasDefault: !!p.parameter_has_default,
      default: p.parameter_has_default ? p.parameter_default : undefined,
      example: p.example_input,
      description: p.python_type?.description || p.description || '',
    })),
    returns: returns.map((r) => ({ label: r.label, type: schemaType(r.type), component: r.component })),
    generator: !!d.types?.generator,
  };
}

/** Every documented endpoint: those `/info` lists, or (without `/info`) the public named ones. */
export function describeApi(config: AppConfig, info: ApiInfo | null): ApiDescription {
  const listed = (d: DependencyConfig) =>
    info ? !!d.api_name && !!info.named_endpoints?.['/' + d.api_name] : isPublicEndpoint(d);
  return { endpoints: config.dependencies.filter(listed).map((d) => describeEndpoint(config, info, d)) };
}
