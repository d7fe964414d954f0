import { listStreets } from '../../services/places';

/** Street names by code, read once per app run: the 13 streets change with a new district plan, not daily. */
let names: Promise<Map<string, string>> | undefined;

export function streetNames(): Promise<Map<string, string>> {
  names ??= listStreets().then(
    (list) => new Map(list.items.map((street) => [street.code, street.name])),
    (error: unknown) => {
      names = undefined;
      throw error;
    },
  );
  return names;
}
