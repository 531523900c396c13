/**
 * What a bundle is made of, from esbuild's metafile: output bytes per package, so that a
 * bundle's size can be explained (and a stray library noticed) rather than just measured.
 */
import type { Metafile } from 'esbuild';

/** Packages whose code exists to validate requests (and the phone-number library they may drag in). */
export const VALIDATION_PACKAGES: readonly string[] = [
  'class-validator',
  'class-transformer',
  'validator',
  'libphonenumber-js',
  'class-validator-jsonschema',
];

/** Phone-number libraries: E.164 is a pattern, so none of them belongs in a function. */
export const PHONE_NUMBER_PACKAGES: readonly string[] = [
  'libphonenumber-js',
  'google-libphonenumber',
  'awesome-phonenumber',
];

export interface PackageShare {
  readonly name: string;
  readonly bytes: number;
  readonly share: number;
}

export interface BundleContents {
  readonly outputBytes: number;
  readonly packages: readonly PackageShare[];
  readonly validationBytes: number;
  readonly validationShare: number;
  readonly phoneNumberPackages: readonly string[];
}

const ROUTE_DTO = /packages\/http-lambda\/src\/routes\/[^/]+\/(body|query)\.ts$/;
const ROUTE_DTOS = 'packages/http-lambda/src/routes/*/{body,query}.ts';

/**
 * The package an input path belongs to: the last `node_modules/<name>` (or `@scope/name`) in
 * it, or for our own sources the workspace folder (`packages/http-lambda/src/dto`); the DTO
 * helpers there and each route's request DTOs (`routes/<route>/body.ts`, `query.ts`) count as
 * validation code too.
 */
export const packageOf = (inputPath: string): string => {
  if (ROUTE_DTO.test(inputPath)) return ROUTE_DTOS;
  const parts = inputPath.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0 && at + 1 < parts.length) {
    const first = parts[at + 1]!;
    return first.startsWith('@') ? `${first}/${parts[at + 2]}` : first;
  }
  const pkg = parts.indexOf('packages');
  if (pkg >= 0 && parts[pkg + 1]) {
    const folder = parts[pkg + 3];
    return `packages/${parts[pkg + 1]}${folder && !folder.includes('.') ? `/${parts[pkg + 2]}/${folder}` : ''}`;
  }
  return parts.slice(-2).join('/');
};

const isValidation = (name: string): boolean =>
  VALIDATION_PACKAGES.includes(name) || name === 'packages/http-lambda/src/dto' || name === ROUTE_DTOS;

/** Output bytes by package for the single JS output of a bundle's metafile. */
export const bundleContents = (metafile: Metafile): BundleContents => {
  const output = Object.entries(metafile.outputs).find(([file]) => /\.(c|m)?js$/.test(file));
  if (!output) throw new Error('metafile has no JavaScript output');
  const [, { bytes: outputBytes, inputs }] = output;
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  const packages = [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes, share: bytes / outputBytes }))
    .sort((a, b) => b.bytes - a.bytes);
  const validationBytes = packages.filter((p) => isValidation(p.name)).reduce((sum, p) => sum + p.bytes, 0);
  return {
    outputBytes,
    packages,
    validationBytes,
    validationShare: validationBytes / outputBytes,
    phoneNumberPackages: packages
      .filter((p) => PHONE_NUMBER_PACKAGES.includes(p.name) && p.bytes > 0)
      .map((p) => p.name),
  };
};
