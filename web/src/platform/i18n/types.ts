/** The English bundle must have exactly the keys of the Chinese one (checked by the compiler). */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };
