// Finds a Python for the interop tests that can import `module`: ML_PYTHON, then .venv-interop (made by .ci/run),
// then python3. Those tests skip, printing `reason`, when none can.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findPython(module: 'gradio' | 'gradio_client'): { python: string | null; reason: string } {
  const candidates = [process.env.ML_PYTHON, path.resolve('.venv-interop/bin/python'), 'python3'].filter(Boolean) as string[];
  for (const py of candidates) {
    if (py.includes('/') && !existsSync(py)) continue;
    try {
      execFileSync(py, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 });
      return { python: py, reason: '' };
    } catch {}
  }
  return { python: null, reason: `no Python with ${module} (set ML_PYTHON or pip install ${module} into .venv-interop, see TOOLCHAIN.md)` };
}
