import path from 'node:path';

/**
 * An ESLint rule for module boundaries (issue 11): a file in `modules/<a>/` may import another
 * module only through its index (`../b`, `../b/index`, `../b/index.js`), never its other files;
 * its own subfolders are fine. Files under one of `platform` may import no module at all: the
 * app's one list of modules hands them over. Relative imports are resolved against the file, so
 * `../../b/x` from a subfolder is caught as well as `../b/x`.
 *
 * Options: `{ modules: 'web/src/modules', platform: ['web/src/platform'] }`, paths from the
 * working directory ESLint runs in (the repository's root).
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports another module only through its index; the platform imports no module' },
    schema: [
      {
        type: 'object',
        properties: { modules: { type: 'string' }, platform: { type: 'array', items: { type: 'string' } } },
        required: ['modules'],
        additionalProperties: false,
      },
    ],
    messages: {
      deep: "'{{source}}' reaches into module {{module}}: import its index ('{{index}}') and export what you need from there, or move shared code to the platform.",
      platform: "'{{source}}' imports module {{module}} from the platform: the platform names no module (the app's list of modules hands them over).",
    },
  },
  create(context) {
    const { modules, platform = [] } = context.options[0];
    const cwd = context.cwd ?? process.cwd();
    const modulesRoot = path.resolve(cwd, modules);
    const platformRoots = platform.map((p) => path.resolve(cwd, p));
    const file = path.resolve(cwd, context.filename);
    const inside = (root, p) => {
      const rel = path.relative(root, p);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep) : null;
    };
    const own = inside(modulesRoot, file)?.[0];
    const inPlatform = platformRoots.some((root) => inside(root, file));

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = inside(modulesRoot, path.resolve(path.dirname(file), source));
      if (!target) return;
      const [module, ...rest] = target;
      if (inPlatform) {
        context.report({ node, messageId: 'platform', data: { source, module } });
        return;
      }
      if (module === own) return;
      if (rest.length === 0 || (rest.length === 1 && /^index(\.[cm]?[jt]sx?)?$/.test(rest[0]))) return;
      const index = path.relative(path.dirname(file), path.join(modulesRoot, module)).split(path.sep).join('/');
      context.report({ node, messageId: 'deep', data: { source, module, index: index.startsWith('.') ? index : `./${index}` } });
    }

    const fromSource = (node) => {
      if (node.source && node.source.type === 'Literal') check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
