/** Reads scenario files (YAML) from files and folders and validates them; errors name the file and field. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ScenarioFileError } from '../errors.ts';
import { Scenario } from './schema.ts';

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
}

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Validates one parsed document; `file` is only used in error messages. */
export function parseScenario(document: unknown, file: string): Scenario {
  const parsed = Scenario.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ScenarioFileError(file, problems.join('; '), parsed.error);
  }
  return parsed.data;
}

export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioFileError(file, 'cannot read the file', error);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ScenarioFileError(file, `not valid YAML: ${(error as Error).message}`, error);
  }
  return { file, scenario: parseScenario(document, file) };
}

/** Every scenario under the given files and folders (folders: *.yaml / *.yml, recursively, sorted). */
export async function loadScenarios(paths: readonly string[]): Promise<LoadedScenario[]> {
  const files: string[] = [];
  for (const path of paths) files.push(...(await scenarioFilesUnder(resolve(path))));
  const loaded: LoadedScenario[] = [];
  for (const file of files) loaded.push(await loadScenarioFile(file));
  const seen = new Map<string, string>();
  for (const { file, scenario } of loaded) {
    const other = seen.get(scenario.name);
    if (other) throw new ScenarioFileError(file, `scenario name "${scenario.name}" is also used by ${other}`);
    seen.set(scenario.name, file);
  }
  return loaded;
}

async function scenarioFilesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw new ScenarioFileError(path, 'no such file or folder', error);
  });
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await scenarioFilesUnder(child)));
    else if (SCENARIO_EXTENSIONS.has(extname(entry.name))) files.push(child);
  }
  return files;
}
