import { createContext } from '@lit/context';
import type { AppConfig } from '../../src/protocol/index.js';
import type { Client } from '../../src/client/index.js';

/** What `<ml-app>` provides to the elements it renders. Standalone elements have none and connect themselves. */
export interface AppContext {
  client: Client;
  config: AppConfig;
  /** The app's root URL, for resolving file URLs. */
  root: string;
  /** Bytes, or null for no limit. */
  maxFileSize: number | null;
}

export const appContext = createContext<AppContext | undefined>(Symbol('ml-app'));
