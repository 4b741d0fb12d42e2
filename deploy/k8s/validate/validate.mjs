// Validates every document of a rendered multi-document YAML file (kubectl kustomize output, or a
// manifest file) against the Kubernetes OpenAPI schemas as packaged by kubernetes-models (types, required
// fields, enums, formats) and refuses fields the Kubernetes API does not have, walking the field lists of
// the official JavaScript client's models (@kubernetes/client-node). Both pinned in package-lock.json.
// Kinds of operators' custom resources (Strimzi, CloudNativePG) have no schema here: they are only
// checked for apiVersion, kind and metadata.name and listed as such.
// Usage: node validate.mjs <file.yaml>...   exit 1 on the first file with an invalid document.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as client from "@kubernetes/client-node";

// The client's model class of a kind: apps/v1 Deployment -> V1Deployment, autoscaling/v2 ... -> V2...
function modelClass(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  return client[version.charAt(0).toUpperCase() + version.slice(1) + kind];
}

// Paths of fields the model does not declare (a misspelt or misplaced field).
function unknownFields(value, type, path, into) {
  if (value == null || type == null) return into;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, into));
    return into;
  }
  const Model = client[type];
  if (typeof Model?.getAttributeTypeMap !== "function" || typeof value !== "object" || Array.isArray(value)) {
    return into; // a scalar, a map ({ [key: string]: ... }), IntOrString, Quantity or free-form object
  }
  const fields = new Map(Model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) into.push(`${path}.${key}`);
    else unknownFields(child, fields.get(key), `${path}.${key}`, into);
  }
  return into;
}

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
    const Strict = modelClass(obj.apiVersion, obj.kind);
    if (!Strict) {
      console.error(`${where}: no field list for this kind in @kubernetes/client-node`);
      failures++;
      continue;
    }
    const unknown = unknownFields(obj, Strict.name, "", []);
    if (unknown.length) {
      console.error(`${where}: INVALID\nfields the Kubernetes API does not have: ${unknown.join(", ")}`);
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
