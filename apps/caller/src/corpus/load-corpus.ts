/** Reads the corpus: its YAML scenario files and the business profiles they name, validated. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BusinessProfile, type BusinessProfileInput } from '@receptionist/domain';
import { parse as parseYaml } from 'yaml';
import { ScenarioFileError } from '../errors.ts';
import { CorpusFile } from './schema.ts';

export const CORPUS_FOLDER = fileURLToPath(new URL('../../corpus', import.meta.url));

export interface CorpusBusiness {
  key: string;
  heldOut: boolean;
  profile: BusinessProfileInput;
  file: CorpusFile;
}

export async function loadCorpus(folder = CORPUS_FOLDER): Promise<CorpusBusiness[]> {
  const scenarioFolder = join(folder, 'scenarios');
  const files = (await readdir(scenarioFolder)).filter((name) => name.endsWith('.yaml')).sort();
  const businesses: CorpusBusiness[] = [];
  for (const name of files) {
    const path = join(scenarioFolder, name);
    const parsed = CorpusFile.safeParse(parseYaml(await readFile(path, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new ScenarioFileError(path, problems.join('; '), parsed.error);
    }
    const profilePath = join(folder, 'businesses', `${parsed.data.business}.json`);
    const profile = JSON.parse(await readFile(profilePath, 'utf8')) as unknown;
    const checked = BusinessProfile.safeParse(profile);
    if (!checked.success) throw new ScenarioFileError(profilePath, checked.error.message, checked.error);
    businesses.push({
      key: parsed.data.business,
      heldOut: parsed.data.held_out,
      profile: profile as BusinessProfileInput,
      file: parsed.data,
    });
  }
  return businesses;
}
