// ml-elements/client: call any Gradio-compatible app from browsers, workers and Node. No Node built-ins here.
export { connect, Client, type ConnectOptions, type SubmitOptions, type UploadOptions } from './client.js';
export { ClientError, type ErrorCode } from './errors.js';
export type { Job, JobEvent } from './job.js';
export { handleFile } from './files.js';
export { spaceSubdomain } from './space.js';
export type { ApiDescription, ApiEndpointDescription, ApiParameterDescription, ApiReturnDescription } from '../protocol/api-info.js';
export type { AppConfig, ApiInfo, FileData, ProgressUnit } from '../protocol/types.js';
export { applyDiff } from '../protocol/diff.js';
