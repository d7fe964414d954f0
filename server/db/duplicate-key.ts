/** A write refused by a unique index: on FerretDB the error carries only the code (ferretdb.md, rule 6). */
export const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;
