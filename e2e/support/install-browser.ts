import { CHROMIUM_PATH, ensureBrowserInstalled } from './browser-install';

/** `npm run browser:install`: Debian's chromium and CJK fonts for the browser tests (apt, only what is missing). */
ensureBrowserInstalled({ log: (line) => console.log(line) })
  .then((installed) => console.log(installed.length > 0 ? `installed ${installed.join(', ')}; chromium at ${CHROMIUM_PATH}` : `already there; chromium at ${CHROMIUM_PATH}`))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
