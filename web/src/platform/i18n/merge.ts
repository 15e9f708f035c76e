export type Tree = { [k: string]: string | Tree };

function merge(target: Tree, src: Tree): Tree {
  for (const [k, v] of Object.entries(src)) {
    if (typeof v === 'string') target[k] = v;
    else target[k] = merge((target[k] as Tree) ?? {}, v);
  }
  return target;
}

/** The modules' texts of one language as one tree. */
export function mergeBundles(bundles: object[]): Tree {
  return bundles.reduce<Tree>((acc, b) => merge(acc, b as Tree), {});
}
