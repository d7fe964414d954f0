import { ensureSchemathesis } from '../testing/schemathesis';

/** `npm run fuzz:install`: the schema-driven fuzzer the test suite runs, pinned, in `.tools/venv`. */
ensureSchemathesis((line) => console.log(line))
  .then((bin) => console.log(`schemathesis ready: ${bin}`))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
