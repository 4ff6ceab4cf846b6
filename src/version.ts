/** The engine's name and version, recorded in every decision's provenance. Kept in step with package.json by a test. */
export const ENGINE_ID = "jjj-policy-rules@0.1.0";
