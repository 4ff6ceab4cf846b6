// A TypeDoc plugin for `npm run docs` (with `treatWarningsAsErrors`, each warning fails the build):
// - every exported symbol of an entry point (function, class, interface, type, variable, enum) must have
//   an `@example` in its doc comment;
// - every property declared by an exported interface or class must have a doc comment.
// typedoc.json's `requiredToBeDocumented` leaves out properties, because TypeDoc expands inferred zod
// types into nested anonymous properties that cannot carry comments; this plugin checks the ones that can.
import { Application, ReflectionKind } from "typedoc";

const TOP =
  ReflectionKind.Function | ReflectionKind.Class | ReflectionKind.Interface | ReflectionKind.TypeAlias | ReflectionKind.Variable | ReflectionKind.Enum;

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const reflection of project.getReflectionsByKind(TOP)) {
      if (!reflection.parent?.kindOf(ReflectionKind.Project | ReflectionKind.Module)) continue;
      const name = `${reflection.getFriendlyFullName()} (${ReflectionKind.singularString(reflection.kind)})`;
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
      if (!comments.some((c) => c?.getTag("@example"))) app.logger.warn(`${name} has no @example in its doc comment`);
      if (!reflection.kindOf(ReflectionKind.Interface | ReflectionKind.Class)) continue;
      for (const child of reflection.children ?? []) {
        if (!child.kindOf(ReflectionKind.Property) || child.inheritedFrom || child.comment?.summary.length) continue;
        // `override name = "XxxError"` in error classes says what it is by itself.
        if (child.name === "name" && reflection.kindOf(ReflectionKind.Class)) continue;
        app.logger.warn(`${reflection.getFriendlyFullName()}.${child.name} (Property) has no doc comment`);
      }
    }
  });
}
