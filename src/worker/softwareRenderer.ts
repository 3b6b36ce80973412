/**
 * Telling a software renderer from a GPU by what the browser says about it. Chromium without a
 * usable GPU serves WebGL and WebGPU through SwiftShader on the CPU; Mesa's llvmpipe, softpipe and
 * lavapipe and Windows' "Microsoft Basic Render Driver" do the same elsewhere.
 */
const SOFTWARE_NAMES = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render/i;

export function isSoftwareRenderer(description: string, fallbackAdapter = false): boolean {
  return fallbackAdapter || SOFTWARE_NAMES.test(description);
}

/** The renderer's short name for a reason text, e.g. "SwiftShader"; null if none is recognised. */
export function softwareRendererName(description: string): string | null {
  const match = SOFTWARE_NAMES.exec(description);
  if (!match) return null;
  const name = match[0].toLowerCase();
  if (name === 'swiftshader') return 'SwiftShader';
  if (name === 'microsoft basic render') return 'Microsoft Basic Render Driver';
  return name;
}
