// `npm start`: serves the demo apps and pages.
import { startDemoServer } from './server.js';

const demo = await startDemoServer({ port: Number(process.env.PORT ?? 7860), host: process.env.HOST ?? '127.0.0.1' });
if (process.env.ML_QUIET !== '1') {
  console.log(`ml-elements demo on ${demo.url}`);
  for (const name of Object.keys(demo.apps)) console.log(`  ${demo.url}${name}/`);
}
// A demo server keeps serving whatever one request does.
process.on('unhandledRejection', (err) => console.error('[demo] unhandled rejection:', err));
const stop = () => void demo.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
