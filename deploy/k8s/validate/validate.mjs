// Validates every document of a rendered multi-document YAML file (kubectl kustomize output, or a
// manifest file) against the Kubernetes OpenAPI schemas as packaged by kubernetes-models (pinned in
// package.json / package-lock.json). Kinds of operators' custom resources (Strimzi, CloudNativePG) have
// no schema here: they are only checked for apiVersion, kind and metadata.name and listed as such.
// Usage: node validate.mjs <file.yaml>...   exit 1 on the first file with an invalid document.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CUSTOM = new Set(["kafka.strimzi.io/v1beta2", "postgresql.cnpg.io/v1"]);
let failures = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const where = `${file}: ${obj.apiVersion} ${obj.kind} ${obj.metadata?.name}`;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      console.error(`${where}: apiVersion, kind and metadata.name are required`);
      failures++;
      continue;
    }
    if (CUSTOM.has(obj.apiVersion)) {
      console.log(`${where}: custom resource, schema NOT validated (no CRD schema available offline)`);
      continue;
    }
    let Model;
    try {
      Model = (await import(`kubernetes-models/${obj.apiVersion}`))[obj.kind];
    } catch (e) {
      Model = undefined;
    }
    if (!Model) {
      console.error(`${where}: unknown apiVersion/kind`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`${where}: valid`);
    } catch (e) {
      console.error(`${where}: INVALID\n${e.message}`);
      failures++;
    }
  }
}
if (failures) {
  console.error(`${failures} invalid document(s)`);
  process.exit(1);
}
