// Finds a Chromium for the browser tests; on Debian as root it installs the distribution's package.
// Never downloads a browser build of its own.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => {
  try {
    return execSync(`command -v ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
};

function find() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return has('chromium') || has('chromium-browser') || has('google-chrome') || '';
}

let path = find();
if (!path && process.getuid?.() === 0 && has('apt-get')) {
  console.log('Installing Debian chromium for the browser tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  path = find();
}
if (!path) {
  console.error('No Chromium found: install chromium (e.g. `apt-get install chromium`) or set CHROME_PATH to a Chrome/Chromium binary.');
  process.exit(1);
}
