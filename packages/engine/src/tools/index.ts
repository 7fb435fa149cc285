export { parseToolArguments } from './arguments.ts';
export { TOOL_FAILURE_SENTENCES, ToolRunner, type ToolRunnerOptions, toolOutputForModel } from './runner.ts';
