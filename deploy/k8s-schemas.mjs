// Checks every object in the given Kubernetes manifests against the API's JSON schemas (kubernetes-models, offline).
// Exits 1 when an object is invalid or of a kind this check does not know.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { ConfigMap, Secret, Service } from "kubernetes-models/v1";

const models = { "apps/v1 Deployment": Deployment, "batch/v1 Job": Job, "v1 ConfigMap": ConfigMap, "v1 Secret": Secret, "v1 Service": Service };
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = document.toJS();
    const kind = `${object.apiVersion} ${object.kind}`;
    try {
      if (!models[kind]) throw new Error(`unknown kind ${kind} (add its model to deploy/k8s-schemas.mjs)`);
      new models[kind](object).validate();
      console.log(`${file}: ${kind} ${object.metadata?.name} valid`);
    } catch (error) {
      failed++;
      console.log(`${file}: ${kind} ${object.metadata?.name ?? ""}: ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
