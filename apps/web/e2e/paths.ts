import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fixed paths shared by the config (browser launch args) and global setup (which creates the files). */
export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(webDir, '..', '..');
export const artifactsDir = join(webDir, 'test-results', 'e2e');
export const screenshotsDir = join(artifactsDir, 'screenshots');
/** The caller's speech for the fake microphone, generated with flite at setup. */
export const callerWavPath = join(artifactsDir, 'caller.wav');
