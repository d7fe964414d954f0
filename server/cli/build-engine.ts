import { ensureEngineBinary } from '../engine/ferretdb';

/** `npm run engine:build`: builds the embedded FerretDB if the binary for the current pin is missing. */
ensureEngineBinary((line) => console.log(line))
  .then((binary) => console.log(`FerretDB ready: ${binary}`))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
