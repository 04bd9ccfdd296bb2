// ml-elements/server: write an ML app in TypeScript and serve it over the Gradio-compatible protocol.
export { App, Blocks, API_PREFIX, type AppOptions, type AppMode, type Dependency } from './blocks.js';
export { Interface, ChatInterface, type InterfaceOptions, type ChatInterfaceOptions, type ChatFn } from './interface.js';
export * from './components.js';
export { AppError, HttpError, QueueFullError } from './errors.js';
export { FileStore, type FileStoreOptions, type InputFile } from './files.js';
export { MemoryQueue, estimateGroup, type Queue, type QueueJob, type JobIO, type JobRunner, type SessionEvent, type Estimate } from './queue.js';
export { cors, rootUrl, type CorsOptions } from './routes.js';
export { listen } from './listen.js';
