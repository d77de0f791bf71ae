/**
 * `sgtm`: the shim's verbs (validate, test, run) composed with the product's (build, serve,
 * mock-tiktok, health, push, pull, release, gallery). The shim never imports the product; this
 * file is where they meet.
 */
import { dispatch, shimCommands, type Commands } from '../sandbox-shim/cli';

export const commands: Commands = {
  ...shimCommands,
  // The shim's run plus --mock (the embedded mock TikTok API for that run).
  run: { ...shimCommands.run, summary: 'run FILE.tpl --data F --event F [--mock]    fire the tag once, print the preview record', load: async () => require('./mock-tiktok/run-command') },
  build: { summary: 'build                                     compile src/ into template/template.tpl', load: async () => require('./build/command') },
  serve: { summary: 'serve [--config sgtm.config.json]         local server container with preview page', load: async () => require('./server/command') },
  'mock-tiktok': { summary: 'mock-tiktok [--port N] [faults]          the mock TikTok Events API alone', load: async () => require('./mock-tiktok/command') },
  health: { summary: 'health [FILE…|-] [--by-tag] [--json|--html OUT]  Tag Health, Data Monitoring, Data Quality from logs', load: async () => require('./health/command') },
  push: { summary: 'push --workspace PATH [--dry-run]         push the built template into a GTM workspace', load: async () => require('./deploy/push') },
  pull: { summary: 'pull --workspace PATH [--out FILE]        the workspace\'s template; exit 1 if it drifted', load: async () => require('./deploy/pull') },
  release: { summary: 'release X.Y.Z --notes TEXT                record a gallery release of HEAD', load: async () => require('./deploy/release') },
  gallery: { summary: 'gallery OUT_DIR                           write the Community Template Gallery layout', load: async () => require('./deploy/gallery') },
};

export function main(argv: string[]): Promise<number> {
  return dispatch(commands, argv);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
