/** `true` when two types are identical, `false` otherwise: for compile-time agreement checks. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
