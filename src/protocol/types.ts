// Wire types of the Gradio-compatible protocol (sse_v3, api_prefix "/gradio_api").
// Shared by the server, the client and the elements: no DOM, no Node APIs.

/** A JSON value as it crosses the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The marker every party uses to find files inside arbitrary JSON. */
export const FILE_DATA_TYPE = 'gradio.FileData';

/** A file on the wire: only `path` is required; `meta._type` marks it as a file. */
export interface FileData {
  path: string;
  url?: string | null;
  size?: number | null;
  orig_name?: string | null;
  mime_type?: string | null;
  is_stream?: boolean;
  meta?: { _type: typeof FILE_DATA_TYPE };
}

export interface ComponentConfig {
  id: number;
  type: string;
  props: Record<string, unknown> & {
    label?: string | null;
    value?: unknown;
    visible?: boolean | 'hidden';
    interactive?: boolean | null;
    elem_id?: string | null;
    elem_classes?: string[];
    scale?: number | null;
    min_width?: number;
    name?: string;
  };
  skip_api?: boolean;
  component_class_id?: string;
  key?: string | number | null;
  api_info?: Record<string, unknown>;
  api_info_as_input?: Record<string, unknown>;
  api_info_as_output?: Record<string, unknown>;
  example_inputs?: unknown;
}

export interface LayoutNode {
  id: number;
  children?: LayoutNode[];
}

export type TriggerMode = 'once' | 'multiple' | 'always_last';
export type ShowProgress = 'full' | 'minimal' | 'hidden';
export type ApiVisibility = 'public' | 'private' | 'undocumented';

export interface DependencyConfig {
  id: number;
  targets: [number | null, string][];
  inputs: number[];
  outputs: number[];
  backend_fn: boolean;
  js: string | null;
  queue: boolean | null;
  api_name: string | false | null;
  api_description?: string | null;
  api_visibility?: ApiVisibility;
  show_api?: boolean;
  scroll_to_output?: boolean;
  show_progress: ShowProgress;
  show_progress_on?: number[] | null;
  batch?: boolean;
  max_batch_size?: number;
  cancels: number[];
  types: { generator: boolean; cancel: boolean };
  collects_event_data?: boolean;
  trigger_after: number | null;
  trigger_only_on_success: boolean;
  trigger_only_on_failure?: boolean;
  trigger_mode: TriggerMode;
  connection?: 'sse' | 'stream';
  time_limit?: number | null;
  stream_every?: number;
  rendered_in?: number | null;
  render_id?: number | null;
  event_specific_args?: string[] | null;
  component_prop_inputs?: number[];
  js_implementation?: string | null;
}

export type Protocol = 'ws' | 'sse' | 'sse_v1' | 'sse_v2' | 'sse_v2.1' | 'sse_v3';

/** `GET /config`: what an app says about itself. */
export interface AppConfig {
  version?: string;
  protocol?: Protocol;
  api_prefix?: string;
  root?: string;
  mode?: 'blocks' | 'interface' | 'chat_interface' | 'tabbed_interface' | 'server' | string;
  title?: string;
  description?: string;
  app_id?: number;
  enable_queue?: boolean;
  connect_heartbeat?: boolean;
  show_error?: boolean;
  max_file_size?: number | null;
  components: ComponentConfig[];
  dependencies: DependencyConfig[];
  layout?: LayoutNode;
  css?: string | null;
  js?: string | boolean | null;
  head?: string | null;
  theme?: string | null;
  fill_height?: boolean;
  fill_width?: boolean;
  space_id?: string | null;
  auth_required?: boolean;
  [key: string]: unknown;
}

// ---- /info ------------------------------------------------------------------------------------

export interface ApiParameter {
  label: string;
  parameter_name: string;
  parameter_has_default: boolean;
  parameter_default: unknown;
  type: Record<string, unknown>;
  python_type: { type: string; description: string };
  component: string;
  example_input?: unknown;
  description?: string;
}

export interface ApiReturn {
  label: string;
  type: Record<string, unknown>;
  python_type: { type: string; description: string };
  component: string;
}

export interface ApiEndpointInfo {
  parameters: ApiParameter[];
  returns: ApiReturn[];
  api_visibility?: ApiVisibility;
  show_api?: boolean;
  description?: string;
  code_snippets?: Record<string, string>;
}

/** `GET {P}/info`: both keys are mandatory for the official JS client. */
export interface ApiInfo {
  named_endpoints: Record<string, ApiEndpointInfo>;
  unnamed_endpoints: Record<string, ApiEndpointInfo>;
}

// ---- queue ------------------------------------------------------------------------------------

/** `POST {P}/queue/join` body. */
export interface JoinRequest {
  data: unknown[];
  fn_index: number;
  session_hash: string;
  event_data?: unknown;
  trigger_id?: number | null;
  simple_format?: boolean;
}

export interface ProgressUnit {
  index: number | null;
  length: number | null;
  unit: string | null;
  progress: number | null;
  desc: string | null;
}

/** Success payload of `process_generating` / `process_completed`. */
export interface OutputData {
  data: unknown[];
  is_generating: boolean;
  duration?: number;
  average_duration?: number | null;
  render_config?: unknown;
  changed_state_ids?: number[];
  used_cache?: string | null;
}

/** Error payload of a failed `process_completed`. */
export interface OutputError {
  error: string | null;
  title?: string | null;
  duration?: number | null;
  visible?: boolean;
}

export interface EstimationMessage {
  msg: 'estimation';
  event_id: string | null;
  rank: number | null;
  queue_size: number;
  rank_eta: number | null;
}
export interface ProcessStartsMessage {
  msg: 'process_starts';
  event_id: string;
  eta: number | null;
}
export interface ProgressMessage {
  msg: 'progress';
  event_id: string;
  progress_data: ProgressUnit[];
}
export interface LogMessage {
  msg: 'log';
  event_id: string;
  log: string;
  level: 'info' | 'warning' | 'success' | 'error';
  duration: number | null;
  visible: boolean;
  title: string;
}
export interface ProcessGeneratingMessage {
  msg: 'process_generating' | 'process_streaming';
  event_id: string;
  output: OutputData | OutputError;
  success: boolean;
  time_limit?: number | null;
}
export interface ProcessCompletedMessage {
  msg: 'process_completed';
  event_id: string;
  output: OutputData | OutputError | Record<string, never>;
  success: boolean;
  title?: string | null;
  used_cache?: string | null;
  cache_duration?: number | null;
  avg_time?: number | null;
}
export interface HeartbeatMessage {
  msg: 'heartbeat';
  event_id: null;
}
export interface CloseStreamMessage {
  msg: 'close_stream';
  event_id: null;
}
export interface UnexpectedErrorMessage {
  msg: 'unexpected_error';
  event_id: string | null;
  message: string;
  session_not_found?: boolean;
  success: false;
}

/** Every message of the `queue/data` session stream. */
export type QueueMessage =
  | EstimationMessage
  | ProcessStartsMessage
  | ProgressMessage
  | LogMessage
  | ProcessGeneratingMessage
  | ProcessCompletedMessage
  | HeartbeatMessage
  | CloseStreamMessage
  | UnexpectedErrorMessage;

/** A props update returned in place of a value: `{"__type__": "update", ...props}`. */
export interface PropsUpdate {
  __type__: 'update';
  [prop: string]: unknown;
}
