#!/usr/bin/env node
// Generates rules/rule.schema.json, rules/amendment.schema.json (a version written as the changes to an
// earlier one, "extends": N) and rules/document.schema.json from the zod schemas in src/schema/
// (z.toJSONSchema), so editors validate and complete rule files through their "$schema". The doc
// comments of the zod schemas and of their fields become JSON Schema descriptions (editor hovers).
// Usage: node scripts/generate-schemas.mjs [--check]   (--check exits 1 when a schema file is out of date)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { emit, finish, importSource, root } from "./generate-lib.mjs";

const check = process.argv.includes("--check");
const SCHEMA_FILES = ["src/schema/common.ts", "src/schema/rule-file.ts", "src/schema/document-file.ts", "src/schema/shared-inputs.ts"];
const m = await importSource(
  SCHEMA_FILES.map((f) => `export * from "./${f}";`).join("\n") + `\nexport { z } from "zod";\n`,
);

/**
 * Doc comments from the schema sources: for each exported `XxxSchema`, its own comment and the comments
 * of the fields of the `z.object({ … })` literals inside it, keyed by field path (`validity.note`).
 */
function readComments() {
  const out = new Map(); // export name → { doc, fields: Map<path, doc> }
  const docOf = (node) => {
    const tags = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const text = tags.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("\n").trim();
    return text || undefined;
  };
  for (const file of SCHEMA_FILES) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.name.text.endsWith("Schema")) continue;
        const fields = new Map();
        const visit = (node, path) => {
          if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
            const key = node.name.getText(source).replace(/^["']|["']$/g, "");
            const here = [...path, key];
            const doc = docOf(node);
            if (doc) fields.set(here.join("."), doc);
            ts.forEachChild(node, (child) => visit(child, here));
            return;
          }
          ts.forEachChild(node, (child) => visit(child, path));
        };
        if (decl.initializer) visit(decl.initializer, []);
        out.set(decl.name.text, { doc: docOf(statement), fields });
      }
    }
  }
  return out;
}

/** The object schema a field path leads to inside a zod schema (through optional, arrays and records). */
function unwrap(schema) {
  let s = schema;
  for (let i = 0; i < 10 && s; i++) {
    const def = s._zod?.def;
    if (!def) break;
    if (def.type === "object") return s;
    s = def.innerType ?? def.element ?? def.valueType ?? def.in ?? (def.type === "pipe" ? def.out : undefined);
  }
  return undefined;
}

const comments = readComments();
const registry = m.z.registry();
const fieldDocs = new Map(); // zod object schema → Map<field, description>
for (const [name, { doc, fields }] of comments) {
  const schema = m[name];
  if (!schema) continue;
  const id = name.replace(/Schema$/, "");
  registry.add(schema, { id, ...(doc ? { description: doc } : {}) });
  for (const [path, text] of fields) {
    const keys = path.split(".");
    let owner = unwrap(schema);
    for (const key of keys.slice(0, -1)) owner = owner && unwrap(owner._zod.def.shape[key]);
    if (!owner) continue;
    const map = fieldDocs.get(owner) ?? new Map();
    map.set(keys[keys.length - 1], text);
    fieldDocs.set(owner, map);
  }
}

/** Per node: restate refinements and add the doc comments of fields as descriptions. */
function override(ctx) {
  // Refinements do not survive the conversion; restate the two that matter to an editor.
  if (ctx.zodSchema === m.IsoDateSchema) ctx.jsonSchema.pattern = "^\\d{4}-\\d{2}-\\d{2}$";
  if (ctx.zodSchema === m.ExampleSchema) ctx.jsonSchema.oneOf = [{ required: ["expected"] }, { required: ["rejects"] }];
  const docs = fieldDocs.get(ctx.zodSchema);
  if (docs && ctx.jsonSchema.properties) {
    for (const [key, text] of docs) {
      const prop = ctx.jsonSchema.properties[key];
      if (prop && prop.description === undefined) prop.description = text;
    }
  }
}

function toJsonSchema(schema, meta) {
  const json = m.z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    metadata: registry,
    unrepresentable: "any",
    override,
  });
  // The root schema is registered too; keep it at the root rather than as a $ref to itself.
  const { $schema, $defs = {}, ...rest } = json;
  const rootId = Object.keys($defs).find((k) => k === meta.rootId);
  const body = rest.$ref === `#/$defs/${rootId}` ? $defs[rootId] : rest;
  if (rootId) delete $defs[rootId];
  meta.adjust?.(body, $defs);
  const text = JSON.stringify({ $schema, $id: meta.$id, title: meta.title, ...body, description: meta.description, $defs }, null, 2);
  // Recursive JSON-logic gets an anonymous name from zod; give it a readable one.
  return text.replaceAll("__schema0", "JsonLogicExpression") + "\n";
}

const header = "Generated from src/schema/*.ts by scripts/generate-schemas.mjs; do not edit.";
const files = {
  "rules/rule.schema.json": toJsonSchema(m.RuleFileSchema, {
    rootId: "RuleFile",
    $id: "https://unpkg.com/jjj-policy-rules/rules/rule.schema.json",
    title: "jjj-policy-rules rule file",
    description: `One version of one rule: rules/<document>/<rule>/v<N>.json. The loader also checks what JSON Schema cannot: the rule profile of the logic, references to inputs and parameters, and the validity of versions. ${header}`,
    // An input is declared in full or refers to a shared input of the document (<document>/inputs.json);
    // the loader materialises references before its zod check, so RuleFileSchema itself knows only the full form.
    adjust: (body, $defs) => {
      const { $defs: refDefs = {}, $schema: _, ...reference } = m.z.toJSONSchema(m.SharedInputReferenceSchema, { target: "draft-2020-12", io: "input", metadata: registry, override });
      Object.assign($defs, refDefs);
      if (reference.$ref === undefined) $defs.SharedInputReference = reference;
      body.properties.inputs.additionalProperties = { anyOf: [{ $ref: "#/$defs/InputSpec" }, { $ref: "#/$defs/SharedInputReference" }] };
    },
  }),
  "rules/inputs.schema.json": toJsonSchema(m.SharedInputsFileSchema, {
    rootId: "SharedInputsFile",
    $id: "https://unpkg.com/jjj-policy-rules/rules/inputs.schema.json",
    title: "jjj-policy-rules shared inputs file",
    description: `The inputs several rules of one document share, each declared once: rules/<document>/inputs.json. A rule refers to one with { "shared": "<name>" } in its inputs. ${header}`,
  }),
  "rules/amendment.schema.json": toJsonSchema(m.AmendmentFileSchema, {
    rootId: "AmendmentFile",
    $id: "https://unpkg.com/jjj-policy-rules/rules/amendment.schema.json",
    title: "jjj-policy-rules amendment file",
    description: `One version of one rule written as the changes to an earlier version ("extends": N): rules/<document>/<rule>/v<N>.json. The loader builds the full version from it (parameters merged by name and field, condition labels by id, changes appended, the other fields given replacing the base's) and checks and hashes that full version like any rule file. ${header}`,
  }),
  "rules/document.schema.json": toJsonSchema(m.DocumentFileSchema, {
    rootId: "DocumentFile",
    $id: "https://unpkg.com/jjj-policy-rules/rules/document.schema.json",
    title: "jjj-policy-rules document file",
    description: `The metadata of one source document: rules/<document>/document.json. ${header}`,
  }),
};

finish("generate-schemas", emit(files, { check }), Object.keys(files).length, check);
