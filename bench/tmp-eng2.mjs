var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// schemas/nodes/retry.ts
function replyWait(node, context) {
  return { kind: "reply", ...node.timeout && { timeoutSeconds: context.seconds(node.timeout) } };
}
__name(replyWait, "replyWait");
function askFirst(node, context, ask4) {
  return { actions: [ask4], wait: replyWait(node, context), state: { attempts: 0 } };
}
__name(askFirst, "askFirst");
function retryOrLeave(node, context, exit, ask4) {
  const attempts = Number(context.state.attempts ?? 0) + 1;
  const noMatch = exit === "invalid" ? { noMatch: true } : {};
  if (attempts > (node.retries ?? 2)) return { exit, ...noMatch };
  const sorry = exit === "invalid" && node.invalidText ? [{ type: "say", text: context.text(node.invalidText) }] : [];
  return { actions: [...sorry, ask4()], wait: replyWait(node, context), state: { attempts }, ...noMatch };
}
__name(retryOrLeave, "retryOrLeave");

// schemas/nodes/text-forms.ts
function localizedForms(text, language) {
  if (text === void 0) return [];
  if (typeof text === "string") return [text];
  const first = text[language];
  return [...first ? [first] : [], ...Object.entries(text).filter(([l]) => l !== language).map(([, t2]) => t2)];
}
__name(localizedForms, "localizedForms");

// schemas/nodes/match.ts
import { distance } from "fastest-levenshtein";
function normalizeText(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
__name(normalizeText, "normalizeText");
function containsPhrase(text, phrase) {
  const t2 = ` ${normalizeText(text)} `;
  const p = normalizeText(phrase);
  return p.length > 0 && t2.includes(` ${p} `);
}
__name(containsPhrase, "containsPhrase");
var similarity = /* @__PURE__ */ __name((a, b) => 1 - distance(a, b) / Math.max(a.length, b.length, 1), "similarity");
var tolerance = /* @__PURE__ */ __name((w) => w.length <= 5 ? 1 : 2, "tolerance");
var forms = /* @__PURE__ */ __name((o) => [...o.labels, ...o.synonyms ?? []].map(normalizeText).filter(Boolean), "forms");
function tokenScore(input2, candidate) {
  const words = candidate.split(" ").filter((w) => w.length >= 3);
  if (!words.length) return 0;
  const hits = words.filter((w) => input2.some((i) => distance(i, w) <= tolerance(w))).length;
  return hits / words.length;
}
__name(tokenScore, "tokenScore");
function matchOption(options2, answer) {
  if (answer.choice !== void 0) {
    const byId = options2.find((o) => o.id === answer.choice);
    if (byId) return byId.id;
  }
  const typed = answer.digits ?? answer.text ?? answer.choice;
  if (typed === void 0) return void 0;
  const byKey = options2.find((o) => o.key !== void 0 && o.key === typed.trim());
  if (byKey) return byKey.id;
  const text = normalizeText(typed);
  if (!text) return void 0;
  const byPosition = /^\d{1,2}$/.test(text) ? options2[Number(text) - 1] : void 0;
  if (byPosition && byPosition.key === void 0) return byPosition.id;
  const exact = options2.filter((o) => forms(o).includes(text));
  if (exact.length === 1) return exact[0].id;
  const input2 = text.split(" ");
  let best;
  let bestScore = 0;
  let tie = false;
  for (const option of options2) {
    const score = Math.max(...forms(option).map((f) => containsPhrase(text, f) ? 1 : Math.max(similarity(text, f) >= 0.75 ? similarity(text, f) : 0, tokenScore(input2, f) >= 0.66 ? tokenScore(input2, f) : 0)));
    if (score > bestScore) [best, bestScore, tie] = [option.id, score, false];
    else if (score === bestScore && score > 0) tie = true;
  }
  return bestScore > 0 && !tie ? best : void 0;
}
__name(matchOption, "matchOption");

// schemas/nodes/menu/schema.json
var schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/menu/schema.json",
  title: "Menu",
  description: 'Asks the customer to pick one option. WhatsApp shows up to 3 as buttons and up to 10 as a list; the phone reads "press 1 for\u2026". The customer may also type the number, the label, a synonym, or something close to it.',
  "x-icon": "icon.svg",
  "x-help": "Offer a choice; each option has its own exit.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "menu" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    text: { $ref: "../../common.schema.json#/$defs/text", title: "Question", "x-form": { widget: "localized-text" } },
    options: {
      title: "Options",
      type: "array",
      minItems: 1,
      "x-form": { widget: "option-list" },
      items: {
        type: "object",
        properties: {
          id: { $ref: "../../common.schema.json#/$defs/id", description: "Also the name of this option's exit." },
          label: { $ref: "../../common.schema.json#/$defs/text", title: "Label" },
          description: { $ref: "../../common.schema.json#/$defs/text", title: "Description", description: "Second line in a WhatsApp list row (72 characters)." },
          key: { type: "string", pattern: "^[0-9*#]$", title: "Phone key", description: "DTMF key on the phone; defaults to the option's position (1, 2, 3\u2026)." },
          synonyms: { $ref: "../../common.schema.json#/$defs/words", title: "Synonyms", description: "Other ways customers say this option, per language." }
        },
        required: ["id", "label"],
        additionalProperties: false
      }
    },
    retries: { type: "integer", minimum: 0, maximum: 10, default: 2, title: "Retries", description: "How many times to ask again after an answer that matches no option, before taking the invalid exit." },
    invalidText: { $ref: "../../common.schema.json#/$defs/text", title: "When not understood", description: "Said before asking again." },
    timeout: { $ref: "../../common.schema.json#/$defs/duration", title: "Timeout", description: "How long to wait for an answer before asking again, then taking the timeout exit." },
    listButton: { $ref: "../../common.schema.json#/$defs/text", title: "List button", description: "Label of the button that opens a WhatsApp list (20 characters)." },
    voice: { $ref: "../../common.schema.json#/$defs/voiceOverride" }
  },
  required: ["id", "type", "text", "options"],
  additionalProperties: false,
  examples: [
    {
      id: "main-menu",
      type: "menu",
      text: "How can we help?",
      options: [
        { id: "track", label: "Track your order", synonyms: { en: ["where is my order", "tracking"] } },
        { id: "faq", label: "FAQ" },
        { id: "agent", label: "Talk to us" }
      ],
      retries: 2,
      invalidText: "Sorry, please pick one of the options.",
      timeout: "PT10M",
      exits: { track: "ask-order", faq: "faq", agent: "handoff", invalid: "handoff" }
    }
  ]
};

// schemas/nodes/menu/step.ts
var keyOf = /* @__PURE__ */ __name((option, index) => option.key ?? (index < 9 ? String(index + 1) : void 0), "keyOf");
function ask(node, { text, seconds }) {
  const labels = node.options.map((o) => text(o.label));
  return {
    type: "ask",
    text: text(node.text),
    expect: "choice",
    options: node.options.map((o, i) => ({
      id: o.id,
      label: labels[i],
      ...o.description && { description: text(o.description) },
      ...keyOf(o, i) && { key: keyOf(o, i) }
    })),
    hints: [...labels, ...node.options.flatMap((o) => Object.values(o.synonyms ?? {}).flat())],
    maxDigits: 1,
    ...node.listButton && { listButton: text(node.listButton) },
    ...node.timeout && { timeoutSeconds: seconds(node.timeout) },
    ...node.voice && { voice: { ...node.voice.ssml && { ssml: text(node.voice.ssml) }, ...node.voice.audio && { audio: node.voice.audio } } }
  };
}
__name(ask, "ask");
var menu = {
  type: "menu",
  schema: schema_default,
  exitNames: /* @__PURE__ */ __name((node) => [...node.options.map((o) => o.id), "invalid", "timeout"], "exitNames"),
  waitsForCustomer: /* @__PURE__ */ __name(() => true, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event } = context;
    if (event.type === "node-entered") return askFirst(node, context, ask(node, context));
    if (event.type === "timed-out") return retryOrLeave(node, context, "timeout", () => ask(node, context));
    if (event.type !== "message-received") return { wait: { kind: "reply" }, state: context.state };
    if (event.choice !== void 0 && node.options.some((o) => o.id === event.choice)) return { exit: event.choice, noMatch: false };
    const options2 = node.options.map((o, i) => ({
      id: o.id,
      labels: localizedForms(o.label, context.session.language),
      synonyms: Object.values(o.synonyms ?? {}).flat(),
      key: keyOf(o, i)
    }));
    const picked = matchOption(options2, event);
    return picked ? { exit: picked, noMatch: false } : retryOrLeave(node, context, "invalid", () => ask(node, context));
  }, "step")
};

// schemas/nodes/message/schema.json
var schema_default2 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/message/schema.json",
  title: "Message",
  description: "Sends a message (text, optionally with an image, audio, video or document) and goes straight on.",
  "x-icon": "icon.svg",
  "x-help": "Say something and go on.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "message" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    text: { $ref: "../../common.schema.json#/$defs/text", title: "Text", "x-form": { widget: "localized-text" } },
    media: { $ref: "../../common.schema.json#/$defs/media" },
    voice: { $ref: "../../common.schema.json#/$defs/voiceOverride" }
  },
  required: ["id", "type", "text"],
  additionalProperties: false,
  examples: [
    { id: "welcome", type: "message", text: { en: "Hi {{contact.name}}! \u{1F44B}", it: "Ciao {{contact.name}}! \u{1F44B}" }, exits: { next: "main-menu" } }
  ]
};

// schemas/nodes/message/step.ts
var message = {
  type: "message",
  schema: schema_default2,
  exitNames: /* @__PURE__ */ __name(() => ["next"], "exitNames"),
  step: /* @__PURE__ */ __name((node, { text }) => ({
    actions: [
      {
        type: "say",
        node: node.id,
        text: text(node.text),
        ...node.media && { media: { kind: node.media.kind, url: node.media.url, ...node.media.caption && { caption: text(node.media.caption) } } },
        ...node.voice && { voice: { ...node.voice.ssml && { ssml: text(node.voice.ssml) }, ...node.voice.audio && { audio: node.voice.audio } } }
      }
    ],
    exit: "next"
  }), "step")
};

// schemas/nodes/input/answer.ts
var email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function parseNumber(text) {
  const compact = text.replace(/[\s\u00a0']/g, "");
  if (!/^[+-]?\d+([.,]\d+)?$/.test(compact)) return void 0;
  return Number(compact.replace(",", "."));
}
__name(parseNumber, "parseNumber");
function parseEmail(text) {
  const trimmed = text.trim();
  return email.test(trimmed) ? trimmed : void 0;
}
__name(parseEmail, "parseEmail");
function parsePhone(text) {
  const compact = text.trim().replace(/[\s\-.()]/g, "").replace(/^00/, "+");
  return /^\+?\d{7,15}$/.test(compact) ? compact : void 0;
}
__name(parsePhone, "parsePhone");
var pad = /* @__PURE__ */ __name((n, width = 2) => String(n).padStart(width, "0"), "pad");
function parseDate(text) {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (y === void 0) return void 0;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return void 0;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
__name(parseDate, "parseDate");
function parsePattern(text, pattern2) {
  const trimmed = text.trim();
  try {
    return pattern2 && new RegExp(`^(?:${pattern2})$`, "u").test(trimmed) ? trimmed : void 0;
  } catch {
    return void 0;
  }
}
__name(parsePattern, "parsePattern");

// schemas/nodes/input/schema.json
var schema_default3 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/input/schema.json",
  title: "Question",
  description: "Asks the customer a question and saves the answer in a variable. It checks the answer fits (a number, an email, a phone number, a date, one of your choices, yes or no) and asks again politely when it does not.",
  "x-icon": "icon.svg",
  "x-help": "Ask something and save the answer.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "input" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    text: { $ref: "../../common.schema.json#/$defs/text", title: "Question", "x-form": { widget: "localized-text" } },
    saveAs: { $ref: "../../common.schema.json#/$defs/variableName", title: "Save answer as", description: "The variable that keeps the answer, e.g. email or order.number." },
    kind: {
      title: "Kind of answer",
      description: "What a good answer looks like. Dates are saved as 2026-12-25, yes/no as true or false, choices as the choice's id.",
      enum: ["text", "number", "email", "phone", "date", "choice", "regex", "yes-no"],
      default: "text"
    },
    pattern: { type: "string", format: "regex", minLength: 1, title: "Pattern", description: "For the pattern kind: a regular expression the whole answer must match, e.g. [A-Z]{2}[0-9]{6} for an order number." },
    choices: {
      title: "Choices",
      description: "For the choice kind: the answers accepted. The customer may tap, type the number, the label or a synonym.",
      type: "array",
      minItems: 1,
      "x-form": { widget: "option-list" },
      items: {
        type: "object",
        properties: {
          id: { $ref: "../../common.schema.json#/$defs/id", description: "The value saved when this choice is picked." },
          label: { $ref: "../../common.schema.json#/$defs/text", title: "Label" },
          synonyms: { $ref: "../../common.schema.json#/$defs/words", title: "Synonyms", description: "Other ways customers say this choice, per language." }
        },
        required: ["id", "label"],
        additionalProperties: false
      }
    },
    min: { type: "number", title: "Smallest number", description: "For the number kind: answers below this are not accepted." },
    max: { type: "number", title: "Largest number", description: "For the number kind: answers above this are not accepted." },
    retries: { type: "integer", minimum: 0, maximum: 10, default: 2, title: "Retries", description: "How many times to ask again after an answer that does not fit, before taking the invalid exit." },
    invalidText: { $ref: "../../common.schema.json#/$defs/text", title: "When the answer does not fit", description: `Said before asking again, e.g. "That doesn't look like an email address."` },
    timeout: { $ref: "../../common.schema.json#/$defs/duration", title: "Timeout", description: "How long to wait for an answer before asking again, then taking the timeout exit." },
    voice: { $ref: "../../common.schema.json#/$defs/voiceOverride" }
  },
  required: ["id", "type", "text", "saveAs"],
  additionalProperties: false,
  allOf: [
    { if: { properties: { kind: { const: "regex" } }, required: ["kind"] }, then: { required: ["pattern"] } },
    { if: { properties: { kind: { const: "choice" } }, required: ["kind"] }, then: { required: ["choices"] } }
  ],
  examples: [
    {
      id: "ask-email",
      type: "input",
      text: { en: "What's your email address?", it: "Qual \xE8 il tuo indirizzo email?" },
      kind: "email",
      saveAs: "contact.email",
      invalidText: { en: "Hmm, that doesn't look like an email address.", it: "Non sembra un indirizzo email." },
      timeout: "PT10M",
      exits: { ok: "thanks", invalid: "handoff" }
    },
    { id: "ask-order", type: "input", text: "Your order number? (e.g. AB123456)", kind: "regex", pattern: "[A-Za-z]{2}[0-9]{6}", saveAs: "order.number", exits: { ok: "lookup-order" } }
  ]
};

// schemas/nodes/input/step.ts
var expectOf = { text: "text", number: "number", email: "email", phone: "phone", date: "date", choice: "choice", regex: "text", "yes-no": "yes-no" };
var yesNo = [
  { id: "yes", labels: ["Yes"], synonyms: ["y", "yes", "yeah", "yep", "ok", "okay", "sure", "si", "s\xEC", "s\xED", "oui", "ja", "sim", "\u662F", "\u662F\u7684", "\u5BF9", "\u597D"], key: "1" },
  { id: "no", labels: ["No"], synonyms: ["n", "no", "nope", "non", "nein", "n\xE3o", "nao", "\u5426", "\u4E0D", "\u4E0D\u662F"], key: "2" }
];
var yesNoLabels = { en: ["Yes", "No"], it: ["S\xEC", "No"], es: ["S\xED", "No"], fr: ["Oui", "Non"], de: ["Ja", "Nein"], pt: ["Sim", "N\xE3o"], zh: ["\u662F", "\u5426"] };
var labelsFor = /* @__PURE__ */ __name((language) => yesNoLabels[language.split("-")[0]] ?? yesNoLabels.en, "labelsFor");
function choiceOptions(node, context) {
  if (node.kind === "yes-no") return yesNo;
  return (node.choices ?? []).map((c2, i) => ({
    id: c2.id,
    labels: localizedForms(c2.label, context.session.language),
    synonyms: Object.values(c2.synonyms ?? {}).flat(),
    ...i < 9 && { key: String(i + 1) }
  }));
}
__name(choiceOptions, "choiceOptions");
function askOptions(node, context) {
  if (node.kind === "yes-no") return yesNo.map((o, i) => ({ id: o.id, label: labelsFor(context.session.language)[i], key: o.key }));
  if (node.kind === "choice") return (node.choices ?? []).map((c2, i) => ({ id: c2.id, label: context.text(c2.label), ...i < 9 && { key: String(i + 1) } }));
  return void 0;
}
__name(askOptions, "askOptions");
function ask2(node, context) {
  const options2 = askOptions(node, context);
  const synonyms = node.kind === "choice" ? (node.choices ?? []).flatMap((c2) => Object.values(c2.synonyms ?? {}).flat()) : [];
  return {
    type: "ask",
    text: context.text(node.text),
    expect: expectOf[node.kind ?? "text"],
    ...options2 && { options: options2, hints: [...options2.map((o) => o.label), ...synonyms], maxDigits: 1 },
    ...node.timeout && { timeoutSeconds: context.seconds(node.timeout) },
    ...node.voice && { voice: { ...node.voice.ssml && { ssml: context.text(node.voice.ssml) }, ...node.voice.audio && { audio: node.voice.audio } } }
  };
}
__name(ask2, "ask");
var inRange = /* @__PURE__ */ __name((node, n) => n !== void 0 && (node.min === void 0 || n >= node.min) && (node.max === void 0 || n <= node.max) ? n : void 0, "inRange");
function valueOf(node, event, context) {
  const kind = node.kind ?? "text";
  if (kind === "choice" || kind === "yes-no") {
    const picked = matchOption(choiceOptions(node, context), event);
    return kind === "yes-no" && picked ? picked === "yes" : picked;
  }
  const typed = (event.text ?? event.digits ?? event.choice)?.trim();
  if (!typed) return void 0;
  if (kind === "number") return inRange(node, parseNumber(typed));
  if (kind === "email") return parseEmail(typed);
  if (kind === "phone") return parsePhone(typed);
  if (kind === "date") return parseDate(typed);
  if (kind === "regex") return parsePattern(typed, node.pattern);
  return typed;
}
__name(valueOf, "valueOf");
var input = {
  type: "input",
  schema: schema_default3,
  exitNames: /* @__PURE__ */ __name(() => ["ok", "invalid", "timeout"], "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => [node.saveAs], "setsVariables"),
  waitsForCustomer: /* @__PURE__ */ __name(() => true, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event } = context;
    if (event.type === "node-entered") return askFirst(node, context, ask2(node, context));
    if (event.type === "timed-out") return retryOrLeave(node, context, "timeout", () => ask2(node, context));
    if (event.type !== "message-received") return { wait: { kind: "reply" }, state: context.state };
    const value = valueOf(node, event, context);
    return value === void 0 ? retryOrLeave(node, context, "invalid", () => ask2(node, context)) : { set: { [node.saveAs]: value }, noMatch: false, exit: "ok" };
  }, "step")
};

// schemas/nodes/condition/schema.json
var schema_default4 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/condition/schema.json",
  title: "Condition",
  description: `Sends the conversation one way or another depending on what we know: the order total, the customer's language, an answer given earlier. Branches are checked top to bottom; the first one that is true wins, otherwise the conversation takes "else".`,
  "x-icon": "icon.svg",
  "x-help": "Branch on variables; first true branch wins.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "condition" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    branches: {
      title: "Branches",
      description: "Checked in order; each branch has its own exit.",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          id: { $ref: "../../common.schema.json#/$defs/id", description: "Also the name of this branch's exit." },
          label: { type: "string", maxLength: 80, title: "Label", description: 'What the branch means, shown on the canvas, e.g. "Big order".' },
          when: { $ref: "../../common.schema.json#/$defs/logic", title: "When", "x-form": { widget: "logic" } }
        },
        required: ["id", "when"],
        additionalProperties: false
      }
    }
  },
  required: ["id", "type", "branches"],
  additionalProperties: false,
  examples: [
    {
      id: "vip-check",
      type: "condition",
      branches: [
        { id: "vip", label: "VIP customer", when: { "==": [{ var: "contact.tier" }, "gold"] } },
        { id: "big", label: "Order over 100", when: { ">": [{ var: "order.total" }, 100] } }
      ],
      exits: { vip: "priority-queue", big: "thank-you", else: "main-menu" }
    }
  ]
};

// schemas/nodes/condition/step.ts
var truthy = /* @__PURE__ */ __name((value) => Array.isArray(value) ? value.length > 0 : Boolean(value), "truthy");
var condition = {
  type: "condition",
  schema: schema_default4,
  exitNames: /* @__PURE__ */ __name((node) => [...node.branches.map((b) => b.id), "else"], "exitNames"),
  step: /* @__PURE__ */ __name((node, { evaluate }) => ({ exit: node.branches.find((b) => truthy(evaluate(b.when)))?.id ?? "else" }), "step")
};

// schemas/template.ts
var placeholder = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
function lookup(scope, path) {
  let value = scope;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[part];
  }
  return value;
}
__name(lookup, "lookup");
function inertValue(value) {
  if (typeof value === "string") return value.includes("{{") ? value.replace(/\{\{/g, "{\u200B{") : value;
  if (Array.isArray(value)) return value.map(inertValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inertValue(v)]));
  return value;
}
__name(inertValue, "inertValue");
function renderTemplate(template2, scope) {
  if (!template2.includes("{{")) return template2;
  return template2.replace(placeholder, (whole, path) => {
    if (path.startsWith("secrets.")) return whole;
    const value = lookup(scope, path);
    if (value === void 0 || value === null) return "";
    return inertValue(typeof value === "object" ? JSON.stringify(value) : String(value));
  });
}
__name(renderTemplate, "renderTemplate");
function localize(text, language, defaultLanguage) {
  if (text === void 0) return "";
  if (typeof text === "string") return text;
  return text[language] ?? text[language.split("-")[0]] ?? text[defaultLanguage] ?? Object.values(text).find((t2) => t2 !== void 0) ?? "";
}
__name(localize, "localize");

// schemas/nodes/render-value.ts
var wholePlaceholder = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
function renderValue(value, context) {
  if (typeof value === "string") {
    const whole = wholePlaceholder.exec(value);
    if (whole && !whole[1].startsWith("secrets.")) return inertValue(context.evaluate({ var: whole[1] }) ?? null);
    return context.render(value);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, context));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, context)]));
  return value;
}
__name(renderValue, "renderValue");

// schemas/nodes/set/schema.json
var schema_default5 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/set/schema.json",
  title: "Set variables",
  description: "Saves values for later in the conversation: a fixed value, text with {{variables}}, or a calculation. Setting contact.language switches the language the bot speaks.",
  "x-icon": "icon.svg",
  "x-help": "Remember values for later.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "set" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    assignments: {
      title: "Values",
      description: "Each value is worked out from what was known when the conversation reached this step; to use one value in another, add a second Set step.",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          variable: { $ref: "../../common.schema.json#/$defs/variableName" },
          value: { type: ["string", "number", "boolean", "object", "array", "null"], title: "Value", description: 'Any value; text may use {{variables}}. "{{order.total}}" alone keeps the number as a number.' },
          expression: { $ref: "../../common.schema.json#/$defs/logic", title: "Calculation", description: 'A JSON Logic rule whose result is saved, e.g. {"+": [{"var": "visits"}, 1]}.', "x-form": { widget: "logic" } }
        },
        required: ["variable"],
        if: { required: ["expression"] },
        then: { properties: { value: false } },
        else: { required: ["value"] },
        additionalProperties: false
      }
    }
  },
  required: ["id", "type", "assignments"],
  additionalProperties: false,
  examples: [
    {
      id: "remember-order",
      type: "set",
      assignments: [
        { variable: "order.greeting", value: "Order {{order.number}} for {{contact.name}}" },
        { variable: "visits", expression: { "+": [{ var: "visits" }, 1] } },
        { variable: "contact.language", value: "it" }
      ],
      exits: { next: "main-menu" }
    }
  ]
};

// schemas/nodes/set/step.ts
var valueOf2 = /* @__PURE__ */ __name((a, context) => "expression" in a && a.expression !== void 0 ? context.evaluate(a.expression) ?? null : renderValue(a.value, context), "valueOf");
var set = {
  type: "set",
  schema: schema_default5,
  exitNames: /* @__PURE__ */ __name(() => ["next"], "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => node.assignments.map((a) => a.variable), "setsVariables"),
  step: /* @__PURE__ */ __name((node, context) => ({ set: Object.fromEntries(node.assignments.map((a) => [a.variable, valueOf2(a, context)])), exit: "next" }), "step")
};

// schemas/nodes/http/schema.json
var schema_default6 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/http/schema.json",
  title: "Call a web service",
  description: 'Asks your shop, CRM or order system for information (or sends it some), then saves parts of the answer in variables. Passwords and keys are written as {{secrets.NAME}}: they live on the server, never in the flow. Takes "ok" when the service answers with success, otherwise "error".',
  "x-icon": "icon.svg",
  "x-help": "Call your CRM or shop and save the answer.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "http" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    method: { title: "Method", description: "GET reads, POST creates, PUT/PATCH update, DELETE removes.", enum: ["GET", "POST", "PUT", "PATCH", "DELETE"], default: "GET" },
    url: { type: "string", minLength: 1, title: "Address", description: "The service's URL; may use {{variables}}, e.g. https://shop.example/orders/{{order.number}}." },
    headers: {
      title: "Headers",
      description: "Extra request headers, e.g. Authorization: Bearer {{secrets.SHOP_TOKEN}}.",
      type: "object",
      propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
      additionalProperties: { type: "string" }
    },
    body: { type: ["string", "number", "boolean", "object", "array", "null"], title: "Body", description: "What to send (JSON); text inside may use {{variables}}. Ignored for GET." },
    timeout: { $ref: "../../common.schema.json#/$defs/duration", title: "Timeout", description: "How long to wait for the service before giving up. Default 10 seconds.", default: "PT10S" },
    retries: { type: "integer", minimum: 0, maximum: 5, default: 1, title: "Retries", description: "How many times to try again when the service is down or too slow." },
    responseMap: {
      title: "Save from the answer",
      description: "Variable -> where the value sits in the answer, as a path like /order/eta or /items/0/name. A value that is not there is saved as empty (null).",
      type: "object",
      propertyNames: { $ref: "../../common.schema.json#/$defs/variableName" },
      additionalProperties: { type: "string", pattern: "^(/[^/]*)*$" }
    },
    saveStatusAs: { $ref: "../../common.schema.json#/$defs/variableName", title: "Save status as", description: "A variable for the answer's status code (200, 404\u2026; 0 when the service could not be reached)." }
  },
  required: ["id", "type", "url"],
  additionalProperties: false,
  examples: [
    {
      id: "lookup-order",
      type: "http",
      method: "GET",
      url: "https://shop.example/api/orders/{{order.number}}",
      headers: { Authorization: "Bearer {{secrets.SHOP_TOKEN}}" },
      timeout: "PT5S",
      retries: 1,
      responseMap: { "order.eta": "/order/eta", "order.status": "/order/status" },
      exits: { ok: "tell-eta", error: "sorry-try-later" }
    }
  ]
};

// schemas/nodes/http/step.ts
function readPointer(body, pointer) {
  let value = body;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, part)) return void 0;
    value = value[part];
  }
  return value;
}
__name(readPointer, "readPointer");
function request(node, context) {
  const method = node.method ?? "GET";
  return {
    type: "call-http",
    request: `${node.id}:${context.session.seq}`,
    method,
    url: context.render(node.url),
    headers: Object.fromEntries(Object.entries(node.headers ?? {}).map(([name, value]) => [name, context.render(value)])),
    ...method !== "GET" && node.body !== void 0 && { body: renderValue(node.body, context) },
    timeoutSeconds: context.seconds(node.timeout ?? "PT10S"),
    retries: node.retries ?? 1
  };
}
__name(request, "request");
function answered(node, event) {
  const ok = event.status >= 200 && event.status < 300;
  const mapped = ok ? Object.entries(node.responseMap ?? {}).map(([name, pointer]) => [name, readPointer(event.body, pointer) ?? null]) : [];
  const set2 = Object.fromEntries([...mapped, ...node.saveStatusAs ? [[node.saveStatusAs, event.status]] : []]);
  return { ...Object.keys(set2).length && { set: set2 }, exit: ok ? "ok" : "error" };
}
__name(answered, "answered");
var http = {
  type: "http",
  schema: schema_default6,
  exitNames: /* @__PURE__ */ __name(() => ["ok", "error"], "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => [...Object.keys(node.responseMap ?? {}), ...node.saveStatusAs ? [node.saveStatusAs] : []], "setsVariables"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event, state } = context;
    if (event.type === "node-entered") {
      const call = request(node, context);
      return { actions: [call], wait: { kind: "http", request: call.request }, state: { request: call.request } };
    }
    if (event.type === "http-responded" && event.request === state.request) return answered(node, event);
    if (event.type === "timed-out") return { ...node.saveStatusAs && { set: { [node.saveStatusAs]: 0 } }, exit: "error" };
    return { wait: { kind: "http", request: String(state.request) }, state };
  }, "step")
};

// schemas/nodes/hours/schema.json
var schema_default7 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/hours/schema.json",
  title: "Opening hours",
  description: 'Checks whether you are open right now, in your own time zone, and sends the conversation to "open" or "closed". Days without hours are closed all day; holidays are closed too. Summer time is handled for you.',
  "x-icon": "icon.svg",
  "x-help": "Open or closed right now?",
  type: "object",
  properties: {
    id: {
      $ref: "../../common.schema.json#/$defs/id"
    },
    type: {
      const: "hours"
    },
    name: {
      $ref: "../../common.schema.json#/$defs/nodeName"
    },
    notes: {
      $ref: "../../common.schema.json#/$defs/notes"
    },
    position: {
      $ref: "../../common.schema.json#/$defs/position"
    },
    exits: {
      $ref: "../../common.schema.json#/$defs/exits"
    },
    timezone: {
      type: "string",
      minLength: 1,
      title: "Time zone",
      description: "Where your team works, as a time-zone name such as Europe/Rome or America/New_York.",
      examples: [
        "Europe/Rome",
        "America/New_York",
        "Asia/Shanghai"
      ]
    },
    weekly: {
      title: "Weekly hours",
      description: "Opening hours per day; a day may have several periods (09:00-13:00 and 14:00-18:00). Leave a day out when you are closed.",
      type: "object",
      properties: {
        mon: {
          $ref: "#/$defs/hoursPeriods",
          title: "Monday"
        },
        tue: {
          $ref: "#/$defs/hoursPeriods",
          title: "Tuesday"
        },
        wed: {
          $ref: "#/$defs/hoursPeriods",
          title: "Wednesday"
        },
        thu: {
          $ref: "#/$defs/hoursPeriods",
          title: "Thursday"
        },
        fri: {
          $ref: "#/$defs/hoursPeriods",
          title: "Friday"
        },
        sat: {
          $ref: "#/$defs/hoursPeriods",
          title: "Saturday"
        },
        sun: {
          $ref: "#/$defs/hoursPeriods",
          title: "Sunday"
        }
      },
      additionalProperties: false
    },
    holidays: {
      title: "Holidays",
      description: "Days you are closed: a date (2026-04-06) or, for every year, --12-25.",
      type: "array",
      items: {
        type: "object",
        properties: {
          date: {
            type: "string",
            pattern: "^(\\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
            title: "Date",
            description: "2026-04-06 for one day, --12-25 for the same day every year."
          },
          name: {
            type: "string",
            maxLength: 80,
            title: "Name"
          }
        },
        required: [
          "date"
        ],
        additionalProperties: false
      }
    }
  },
  required: [
    "id",
    "type",
    "timezone",
    "weekly"
  ],
  additionalProperties: false,
  $defs: {
    hoursPeriods: {
      type: "array",
      items: {
        type: "object",
        properties: {
          from: {
            type: "string",
            pattern: "^([01]\\d|2[0-3]):[0-5]\\d$",
            title: "From",
            description: "Opening time, 24-hour clock (09:00)."
          },
          to: {
            type: "string",
            pattern: "^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$",
            title: "To",
            description: "Closing time, 24-hour clock (17:30); 24:00 for midnight. Closed from this minute on."
          }
        },
        required: [
          "from",
          "to"
        ],
        additionalProperties: false
      }
    }
  },
  examples: [
    {
      id: "office-hours",
      type: "hours",
      timezone: "Europe/Rome",
      weekly: {
        mon: [
          {
            from: "09:00",
            to: "13:00"
          },
          {
            from: "14:00",
            to: "18:00"
          }
        ],
        tue: [
          {
            from: "09:00",
            to: "18:00"
          }
        ],
        wed: [
          {
            from: "09:00",
            to: "18:00"
          }
        ],
        thu: [
          {
            from: "09:00",
            to: "18:00"
          }
        ],
        fri: [
          {
            from: "09:00",
            to: "17:00"
          }
        ],
        sat: [
          {
            from: "10:00",
            to: "13:00"
          }
        ]
      },
      holidays: [
        {
          date: "--12-25",
          name: "Christmas"
        },
        {
          date: "2026-04-06",
          name: "Easter Monday"
        }
      ],
      exits: {
        open: "agent",
        closed: "leave-a-message"
      }
    }
  ]
};

// schemas/nodes/hours/step.ts
var formats = /* @__PURE__ */ new Map();
var formatFor = /* @__PURE__ */ __name((timeZone) => {
  if (!formats.has(timeZone))
    formats.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }));
  return formats.get(timeZone);
}, "formatFor");
function localTime(at2, timeZone) {
  const parts = Object.fromEntries(formatFor(timeZone).formatToParts(new Date(at2)).map((p) => [p.type, p.value]));
  return {
    weekday: parts.weekday.toLowerCase(),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)
  };
}
__name(localTime, "localTime");
var secondsOf = /* @__PURE__ */ __name((hhmm) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60, "secondsOf");
function isOpen(node, at2) {
  const now = localTime(at2, node.timezone);
  if ((node.holidays ?? []).some((h) => h.date === now.date || h.date === `-${now.date.slice(4)}`)) return false;
  return (node.weekly[now.weekday] ?? []).some((p) => secondsOf(p.from) <= now.seconds && now.seconds < secondsOf(p.to));
}
__name(isOpen, "isOpen");
var hours = {
  type: "hours",
  schema: schema_default7,
  exitNames: /* @__PURE__ */ __name(() => ["open", "closed"], "exitNames"),
  step: /* @__PURE__ */ __name((node, { event }) => {
    try {
      return { exit: isOpen(node, event.at) ? "open" : "closed" };
    } catch {
      return { exit: "closed" };
    }
  }, "step")
};

// schemas/nodes/wait/schema.json
var schema_default8 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/wait/schema.json",
  title: "Wait",
  description: 'Pauses the conversation for a while (ten minutes, a day) and then goes on through "done", e.g. before a reminder or a feedback question. If you connect "replied", a message from the customer during the pause goes there instead; otherwise the pause simply runs to its end.',
  "x-icon": "icon.svg",
  "x-help": "Pause, then go on (or react to a reply).",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "wait" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    duration: { $ref: "../../common.schema.json#/$defs/duration", title: "How long" },
    saveAs: { $ref: "../../common.schema.json#/$defs/variableName", title: "Save reply as", description: 'When the customer writes during the pause (and "replied" is connected), keep what they wrote in this variable.' }
  },
  required: ["id", "type", "duration"],
  additionalProperties: false,
  examples: [
    { id: "pause-before-survey", type: "wait", duration: "PT1H", exits: { done: "ask-rating" } },
    { id: "cart-reminder", type: "wait", duration: "P1D", saveAs: "cart.reply", exits: { done: "send-reminder", replied: "main-menu" } }
  ]
};

// schemas/nodes/wait/step.ts
var listens = /* @__PURE__ */ __name((node) => Boolean(node.exits?.replied), "listens");
var wait = {
  type: "wait",
  schema: schema_default8,
  exitNames: /* @__PURE__ */ __name(() => ["done", "replied"], "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => node.saveAs ? [node.saveAs] : [], "setsVariables"),
  waitsForCustomer: listens,
  step: /* @__PURE__ */ __name((node, { event, seconds }) => {
    const kind = listens(node) ? "reply" : "timer";
    if (event.type === "node-entered") return { wait: { kind }, timers: { done: seconds(node.duration) } };
    if (event.type === "timer-fired" && event.timer === "done") return { exit: "done" };
    if (event.type === "message-received" && listens(node)) {
      const reply = event.text ?? event.choice ?? event.digits ?? null;
      return { ...node.saveAs && { set: { [node.saveAs]: reply } }, exit: "replied" };
    }
    return { wait: { kind } };
  }, "step")
};

// schemas/nodes/handoff/schema.json
var schema_default9 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/handoff/schema.json",
  title: "Hand-off",
  description: "Passes the conversation to a colleague in a queue, with a summary so the customer never has to repeat themselves. The bot stays quiet until the colleague gives the conversation back (the resolved exit). Service levels: after 'alert after' a supervisor is told the customer is still waiting; after 'escalate after' the conversation moves on through the escalate exit, usually to another hand-off to a supervisor queue. Keep 'alert after' shorter than 'escalate after'.",
  "x-icon": "icon.svg",
  "x-help": "Connect the customer with a person; alert and escalate if nobody answers in time.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "handoff" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    queue: { type: "string", minLength: 1, title: "Queue", description: "The team or queue that picks the conversation up, e.g. support or sales-italy. May use {{variables}}." },
    priority: { type: "integer", minimum: 0, maximum: 10, default: 5, title: "Priority", description: "0 is lowest, 10 is most urgent; higher-priority conversations are answered first." },
    skills: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, title: "Skills", description: "What the colleague must know, e.g. italian or returns. Leave empty for anyone in the queue." },
    text: {
      $ref: "../../common.schema.json#/$defs/text",
      title: "Message to the customer",
      description: "Said while the conversation is passed on.",
      default: { en: "Connecting you to a colleague\u2026", it: "Ti metto in contatto con un collega\u2026", zh: "\u6B63\u5728\u4E3A\u60A8\u8F6C\u63A5\u4EBA\u5DE5\u5BA2\u670D\u2026" },
      "x-form": { widget: "localized-text" }
    },
    summary: { type: "string", title: "Summary for the colleague", description: "What the colleague sees first, e.g. 'Order {{order.id}}: {{order.status}}'. Left empty, it lists the customer, channel, language and every variable collected so far.", "x-form": { widget: "textarea" } },
    sla: {
      title: "Service level",
      description: "How long the customer may wait before a supervisor is alerted, and before the conversation is escalated. 'Alert after' should be shorter than 'escalate after'.",
      type: "object",
      properties: {
        alertAfter: { $ref: "../../common.schema.json#/$defs/duration", title: "Alert after", description: "Tell a supervisor the customer is still waiting." },
        escalateAfter: { $ref: "../../common.schema.json#/$defs/duration", title: "Escalate after", description: "Stop waiting and take the escalate exit." }
      },
      additionalProperties: false
    },
    notify: { type: "string", format: "uri", title: "Alert webhook", description: "Web address that receives service-level alerts and escalations (e.g. a team chat webhook)." },
    closedText: { $ref: "../../common.schema.json#/$defs/text", title: "When the colleague is done", description: "Said when the colleague gives the conversation back to the bot, before the resolved exit.", "x-form": { widget: "localized-text" } }
  },
  required: ["id", "type", "queue"],
  additionalProperties: false,
  examples: [
    {
      id: "to-support",
      type: "handoff",
      queue: "support",
      priority: 5,
      skills: ["returns"],
      text: { en: "Connecting you to a colleague\u2026", it: "Ti metto in contatto con un collega\u2026" },
      summary: "Order {{order.id}} is {{order.status}}; the customer asked for a return.",
      sla: { alertAfter: "PT2M", escalateAfter: "PT5M" },
      notify: "https://hooks.example.com/supervisors",
      closedText: "Thanks for talking to us!",
      exits: { resolved: "survey", escalate: "to-supervisor" }
    }
  ]
};

// schemas/nodes/handoff/step.ts
var defaults = { priority: schema_default9.properties.priority.default, text: schema_default9.properties.text.default };
var show = /* @__PURE__ */ __name((value) => value !== null && typeof value === "object" ? JSON.stringify(value) : String(value), "show");
function defaultSummary(session2) {
  const { contact } = session2;
  const who = [contact.name, contact.phone].filter(Boolean).join(", ") || contact.id;
  return [`Customer: ${who}`, `Channel: ${session2.channel}`, `Language: ${session2.language}`, ...Object.entries(session2.vars).map(([name, value]) => `${name}: ${show(value)}`)].join("\n");
}
__name(defaultSummary, "defaultSummary");
function handOff(node, context) {
  const { sla } = node;
  const alert = sla?.alertAfter ? context.seconds(sla.alertAfter) : void 0;
  const escalate = sla?.escalateAfter ? context.seconds(sla.escalateAfter) : void 0;
  const timers = { ...alert && { alert }, ...escalate && { escalate } };
  return {
    actions: [
      { type: "say", text: context.text(node.text ?? defaults.text) },
      {
        type: "hand-off",
        queue: context.render(node.queue),
        priority: node.priority ?? defaults.priority,
        skills: node.skills ?? [],
        summary: node.summary ? context.render(node.summary) : defaultSummary(context.session),
        ...alert && { alertAfterSeconds: alert },
        ...escalate && { escalateAfterSeconds: escalate },
        variables: structuredClone(context.session.vars)
      }
    ],
    wait: { kind: "handoff" },
    ...Object.keys(timers).length > 0 && { timers },
    state: { since: context.event.at }
  };
}
__name(handOff, "handOff");
function notify(node, context, event) {
  const since = Number(context.state.since ?? context.event.at);
  return {
    type: "notify",
    event,
    ...node.notify && { url: node.notify },
    body: { queue: context.render(node.queue), conversation: context.session.id, node: node.id, waitedSeconds: Math.round((context.event.at - since) / 1e3) }
  };
}
__name(notify, "notify");
var handoff = {
  type: "handoff",
  schema: schema_default9,
  exitNames: /* @__PURE__ */ __name(() => ["resolved", "escalate"], "exitNames"),
  waitsForCustomer: /* @__PURE__ */ __name(() => true, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event, state } = context;
    if (event.type === "node-entered") return handOff(node, context);
    if (event.type === "handoff-ended")
      return { ...node.closedText && { actions: [{ type: "say", text: context.text(node.closedText) }] }, exit: "resolved" };
    if (event.type === "timer-fired" && event.timer === "escalate") return { actions: [notify(node, context, "sla-escalated")], exit: "escalate" };
    if (event.type === "timer-fired" && event.timer === "alert") return { actions: [notify(node, context, "sla-alert")], wait: { kind: "handoff" }, state };
    return { wait: { kind: "handoff" }, state };
  }, "step")
};

// schemas/nodes/survey/feedback.ts
var scales = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } };
function band(kind, score) {
  if (kind === "csat") return score >= 4 ? "positive" : score === 3 ? "neutral" : "negative";
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}
__name(band, "band");
var typedScore = /^(\d{1,2})\s*(?:\/\s*(?:5|10)|[⭐★]+|stars?|stelle|星)?$/i;
var onlyStars = /^[⭐★\s]+$/u;
function readScore(kind, answer, labels) {
  const { min, max } = scales[kind];
  const inRange2 = /* @__PURE__ */ __name((n) => Number.isInteger(n) && n >= min && n <= max ? n : void 0, "inRange");
  const typed = (answer.choice ?? answer.digits ?? answer.text ?? "").trim();
  if (!typed) return void 0;
  if (onlyStars.test(typed)) return inRange2([...typed.replace(/\s/g, "")].length);
  const number = typedScore.exec(typed);
  if (number) return inRange2(Number(number[1]));
  const picked = labels.length ? matchOption(labels, answer) : void 0;
  if (picked !== void 0) return inRange2(Number(picked));
  const numbers = typed.match(/\d+/g) ?? [];
  return numbers.length === 1 ? inRange2(Number(numbers[0])) : void 0;
}
__name(readScore, "readScore");
var categoryWords = {
  complaint: {
    en: ["bad", "terrible", "awful", "horrible", "worst", "broken", "late", "slow", "too slow", "never arrived", "never came", "not arrived", "not working", "doesn't work", "does not work", "didn't work", "disappointed", "disappointing", "angry", "rude", "complaint", "complain", "a problem", "problems", "an issue", "issues", "refund", "waste", "poor", "damaged", "wrong", "unacceptable", "useless", "not happy", "not good", "not great", "unhappy", "not satisfied", "dissatisfied", "still waiting"],
    it: ["pessimo", "pessima", "terribile", "orribile", "rotto", "rotta", "ritardo", "in ritardo", "non funziona", "non \xE8 arrivato", "mai arrivato", "deluso", "delusa", "delusione", "reclamo", "un problema", "problemi", "rimborso", "lento", "lenta", "sbagliato", "sbagliata", "danneggiato", "danneggiata", "inaccettabile", "vergogna", "scortese", "maleducato", "non va bene", "non sono soddisfatto", "non sono soddisfatta", "insoddisfatto", "insoddisfatta"],
    zh: ["\u592A\u5DEE", "\u5F88\u5DEE", "\u7CDF\u7CD5", "\u6295\u8BC9", "\u574F\u4E86", "\u9000\u6B3E", "\u592A\u6162", "\u5F88\u6162", "\u5931\u671B", "\u4E0D\u6EE1\u610F", "\u6CA1\u6536\u5230", "\u6001\u5EA6\u4E0D\u597D", "\u6709\u95EE\u9898", "\u4E0D\u80FD\u7528", "\u9519\u4E86"]
  },
  requirement: {
    en: ["need", "needs", "must", "have to", "required", "requirement", "missing", "please add", "should have", "should be able", "i want", "we want", "i wish", "can you add", "support for"],
    it: ["ho bisogno", "abbiamo bisogno", "serve", "servirebbe", "dovrebbe", "dovreste", "manca", "mancano", "vorrei", "aggiungete", "richiesta", "necessario", "obbligatorio"],
    zh: ["\u9700\u8981", "\u5FC5\u987B", "\u7F3A\u5C11", "\u8981\u6C42", "\u8BF7\u589E\u52A0", "\u8BF7\u6DFB\u52A0", "\u5E94\u8BE5\u6709"]
  },
  suggestion: {
    en: ["suggest", "suggestion", "maybe", "perhaps", "would be nice", "would be great", "would be better", "it would help", "idea", "improve", "improvement", "better if", "recommend", "consider", "how about", "what about", "you could", "could you"],
    it: ["suggerisco", "suggerimento", "consiglio", "consiglierei", "sarebbe bello", "sarebbe utile", "sarebbe meglio", "potreste", "migliorare", "miglioramento", "idea", "proposta", "magari", "forse"],
    zh: ["\u5EFA\u8BAE", "\u53EF\u4EE5\u8003\u8651", "\u5982\u679C\u80FD", "\u5E0C\u671B\u80FD", "\u6700\u597D", "\u6539\u8FDB", "\u6539\u5584", "\u8981\u662F"]
  },
  praise: {
    en: ["great", "excellent", "amazing", "awesome", "love", "loved", "perfect", "thank you", "thanks", "helpful", "fantastic", "good", "good job", "well done", "nice", "friendly", "happy", "satisfied", "wonderful", "the best", "brilliant"],
    it: ["ottimo", "ottima", "eccellente", "fantastico", "fantastica", "perfetto", "perfetta", "grazie", "bravi", "bravo", "brava", "gentile", "gentilissimi", "contento", "contenta", "soddisfatto", "soddisfatta", "adoro", "complimenti", "benissimo", "molto bene"],
    zh: ["\u5F88\u597D", "\u975E\u5E38\u597D", "\u592A\u68D2", "\u68D2", "\u6EE1\u610F", "\u8C22\u8C22", "\u611F\u8C22", "\u559C\u6B22", "\u5B8C\u7F8E", "\u4F18\u79C0", "\u4E13\u4E1A", "\u7ED9\u529B"]
  }
};
var categoryOrder = ["complaint", "requirement", "suggestion", "praise"];
var han = /\p{Script=Han}/u;
var squash = /* @__PURE__ */ __name((s) => normalizeText(s).replace(/ /g, ""), "squash");
function mentions(text, phrase) {
  return han.test(phrase) ? squash(phrase).length > 0 && squash(text).includes(squash(phrase)) : containsPhrase(text, phrase);
}
__name(mentions, "mentions");
function categorize(text, extra = {}) {
  const words = /* @__PURE__ */ __name((category) => [...Object.values(categoryWords[category]), ...Object.values(extra[category] ?? {})].flatMap((w) => w ?? []), "words");
  return categoryOrder.find((category) => words(category).some((w) => mentions(text, w))) ?? "suggestion";
}
__name(categorize, "categorize");

// schemas/nodes/survey/schema.json
var schema_default10 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/survey/schema.json",
  title: "Survey",
  description: "Asks for feedback and records it for reports. CSAT: a 1-5 rating (exits positive 4-5, neutral 3, negative 1-2). NPS: 'how likely are you to recommend us', 0-10 (exits promoter 9-10, passive 7-8, detractor 0-6). Text: free feedback, sorted by its words into complaint, requirement, suggestion or praise; feedback that matches none of them counts as a suggestion. Customers may tap an option or type the number.",
  "x-icon": "icon.svg",
  "x-help": "Ask for a rating or feedback; each kind of answer has its own exit.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "survey" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    kind: {
      enum: ["csat", "nps", "text"],
      title: "Kind",
      description: "csat: satisfaction from 1 to 5. nps: likelihood to recommend, 0 to 10. text: free feedback in the customer's words."
    },
    question: { $ref: "../../common.schema.json#/$defs/text", title: "Question", "x-form": { widget: "localized-text" } },
    labels: {
      title: "Score labels",
      description: "Labels for the scores, lowest first (5 for CSAT, 11 for NPS), e.g. 'Very unhappy' \u2026 'Very happy'. Left empty: '1 \u2B50' \u2026 '5 \u2B50' for CSAT and '0' \u2026 '10' for NPS.",
      type: "array",
      items: { $ref: "../../common.schema.json#/$defs/text" }
    },
    saveAs: { $ref: "../../common.schema.json#/$defs/variableName", title: "Save answer as", description: "Variable that keeps the score (CSAT, NPS) or the feedback text." },
    categories: {
      title: "Extra category words",
      description: 'Words that sort free feedback, added to the built-in English, Italian and Chinese words, e.g. {"complaint": {"en": ["missing item"]}}.',
      type: "object",
      properties: {
        complaint: { $ref: "../../common.schema.json#/$defs/words" },
        requirement: { $ref: "../../common.schema.json#/$defs/words" },
        suggestion: { $ref: "../../common.schema.json#/$defs/words" },
        praise: { $ref: "../../common.schema.json#/$defs/words" }
      },
      additionalProperties: false
    },
    retries: { type: "integer", minimum: 0, maximum: 10, default: 2, title: "Retries", description: "How many times to ask again after an answer that is not a score, before taking the invalid exit." },
    invalidText: { $ref: "../../common.schema.json#/$defs/text", title: "When not understood", description: "Said before asking again." },
    timeout: { $ref: "../../common.schema.json#/$defs/duration", title: "Timeout", description: "How long to wait for an answer before asking again, then taking the timeout exit." },
    thankYou: { $ref: "../../common.schema.json#/$defs/text", title: "Thank you", description: "Said once the answer is recorded." }
  },
  required: ["id", "type", "kind", "question"],
  additionalProperties: false,
  examples: [
    {
      id: "csat",
      type: "survey",
      kind: "csat",
      question: { en: "How happy are you with our help today?", it: "Quanto sei soddisfatto del nostro aiuto oggi?" },
      saveAs: "csat",
      thankYou: "Thank you for your feedback!",
      exits: { positive: "bye", neutral: "ask-why", negative: "apology" }
    },
    {
      id: "feedback",
      type: "survey",
      kind: "text",
      question: "Anything we could do better?",
      categories: { complaint: { en: ["missing item"] } },
      exits: { complaint: "to-supervisor", suggestion: "bye", requirement: "bye", praise: "bye" }
    }
  ]
};

// schemas/nodes/survey/step.ts
var scoresOf = /* @__PURE__ */ __name((kind) => Array.from({ length: scales[kind].max - scales[kind].min + 1 }, (_, i) => scales[kind].min + i), "scoresOf");
var defaultLabel = /* @__PURE__ */ __name((kind, score) => kind === "csat" ? `${score} \u2B50` : String(score), "defaultLabel");
function options(node, kind, context) {
  return scoresOf(kind).map((score, i) => ({
    id: String(score),
    label: node.labels?.[i] ? context.text(node.labels[i]) : defaultLabel(kind, score),
    ...score <= 9 && { key: String(score) }
  }));
}
__name(options, "options");
function ask3(node, context) {
  const timeout = node.timeout ? { timeoutSeconds: context.seconds(node.timeout) } : {};
  const question = context.text(node.question);
  if (node.kind === "text") return { type: "ask", text: question, expect: "text", ...timeout };
  const offered = options(node, node.kind, context);
  return {
    type: "ask",
    text: question,
    expect: "choice",
    options: offered,
    ...node.labels?.length && { hints: offered.map((o) => o.label) },
    maxDigits: node.kind === "nps" ? 2 : 1,
    ...timeout
  };
}
__name(ask3, "ask");
function recorded(node, context, answer, exit) {
  const thanks = node.thankYou ? [{ type: "say", text: context.text(node.thankYou) }] : [];
  const category = exit;
  return {
    actions: [{ type: "save-feedback", kind: node.kind, ...answer, ...node.kind === "text" && { category } }, ...thanks],
    ...node.saveAs && { set: { [node.saveAs]: answer.score ?? answer.text } },
    exit,
    noMatch: false
  };
}
__name(recorded, "recorded");
var survey = {
  type: "survey",
  schema: schema_default10,
  exitNames: /* @__PURE__ */ __name((node) => {
    const bands = { csat: ["positive", "neutral", "negative"], nps: ["promoter", "passive", "detractor"], text: ["suggestion", "requirement", "complaint", "praise"] };
    return [...bands[node.kind], "invalid", "timeout"];
  }, "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => node.saveAs ? [node.saveAs] : [], "setsVariables"),
  waitsForCustomer: /* @__PURE__ */ __name(() => true, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event } = context;
    if (event.type === "node-entered") return askFirst(node, context, ask3(node, context));
    if (event.type === "timed-out") return retryOrLeave(node, context, "timeout", () => ask3(node, context));
    if (event.type !== "message-received") return { wait: { kind: "reply" }, state: context.state };
    if (node.kind === "text") {
      const text = event.text?.trim();
      return text ? recorded(node, context, { text }, categorize(text, node.categories)) : retryOrLeave(node, context, "invalid", () => ask3(node, context));
    }
    const labels = (node.labels ?? []).map((label, i) => ({ id: String(scales[node.kind].min + i), labels: localizedForms(label, context.session.language) }));
    const score = readScore(node.kind, event, labels);
    return score === void 0 ? retryOrLeave(node, context, "invalid", () => ask3(node, context)) : recorded(node, context, { score }, band(node.kind, score));
  }, "step")
};

// schemas/nodes/subflow/schema.json
var schema_default11 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/subflow/schema.json",
  title: "Subflow",
  description: "Runs another flow (a shared piece such as 'verify the customer' or 'feedback survey'), then comes back here. The done exit is taken when the other flow reaches a step with nothing connected. If the other flow is not deployed, or is already running in this conversation (a flow cannot call itself), the error exit is taken instead. An end node inside the other flow ends the whole conversation.",
  "x-icon": "icon.svg",
  "x-help": "Run a shared flow, then carry on here.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "subflow" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    flow: { $ref: "../../common.schema.json#/$defs/id", title: "Flow", description: "Id of the flow to run.", "x-form": { widget: "flow-picker" } }
  },
  required: ["id", "type", "flow"],
  additionalProperties: false,
  examples: [
    { id: "verify", type: "subflow", flow: "verify-customer", exits: { done: "main-menu", error: "handoff" } }
  ]
};

// schemas/nodes/subflow/step.ts
var MAX_SUBFLOW_DEPTH = 10;
var subflow = {
  type: "subflow",
  schema: schema_default11,
  exitNames: /* @__PURE__ */ __name(() => ["done", "error"], "exitNames"),
  step: /* @__PURE__ */ __name((node, { flow: flow2, session: session2 }) => {
    const running = [flow2.id, ...session2.stack.map((frame) => frame.flow)];
    if (running.includes(node.flow) || session2.stack.length >= MAX_SUBFLOW_DEPTH) return { exit: "error" };
    return { call: { flow: node.flow, exit: "done" } };
  }, "step")
};

// schemas/nodes/record/schema.json
var schema_default12 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/record/schema.json",
  title: "Voicemail",
  description: "On a phone call: says the prompt, then records what the caller says (a voicemail) and keeps the recording's web address in a variable. done: a recording was made; empty: the caller said nothing or hung up. Recording only works on the phone; on WhatsApp and web chat the unsupported exit is taken straight away, so connect it (for example to a question that asks the customer to type their message).",
  "x-icon": "icon.svg",
  "x-help": "Record a voicemail on a phone call.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "record" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    text: { $ref: "../../common.schema.json#/$defs/text", title: "Prompt", description: "Said before recording starts, e.g. 'Please leave a message after the beep.'", "x-form": { widget: "localized-text" } },
    maxLength: { $ref: "../../common.schema.json#/$defs/duration", title: "Longest message", description: "Recording stops after this long.", default: "PT2M" },
    saveAs: { $ref: "../../common.schema.json#/$defs/variableName", title: "Save recording as", description: "Variable that keeps the recording's web address, e.g. to send it to a colleague." },
    beep: { type: "boolean", default: true, title: "Beep", description: "Play a beep when recording starts." },
    voice: { $ref: "../../common.schema.json#/$defs/voiceOverride" }
  },
  required: ["id", "type", "text"],
  additionalProperties: false,
  examples: [
    {
      id: "voicemail",
      type: "record",
      text: { en: "Please leave a message after the beep.", it: "Lascia un messaggio dopo il segnale acustico." },
      maxLength: "PT2M",
      saveAs: "voicemail",
      exits: { done: "thanks", empty: "goodbye", unsupported: "ask-in-writing" }
    }
  ]
};

// schemas/nodes/record/step.ts
var defaults2 = { maxLength: schema_default12.properties.maxLength.default };
function recordAction(node, { text, seconds }) {
  return {
    type: "record",
    text: text(node.text),
    maxSeconds: seconds(node.maxLength ?? defaults2.maxLength),
    ...node.beep !== void 0 && { beep: node.beep },
    ...node.voice && { voice: { ...node.voice.ssml && { ssml: text(node.voice.ssml) }, ...node.voice.audio && { audio: node.voice.audio } } }
  };
}
__name(recordAction, "recordAction");
var finished = /* @__PURE__ */ __name((node, url) => url ? { ...node.saveAs && { set: { [node.saveAs]: url } }, exit: "done" } : { exit: "empty" }, "finished");
var record = {
  type: "record",
  schema: schema_default12,
  exitNames: /* @__PURE__ */ __name(() => ["done", "empty", "unsupported"], "exitNames"),
  setsVariables: /* @__PURE__ */ __name((node) => node.saveAs ? [node.saveAs] : [], "setsVariables"),
  waitsForCustomer: /* @__PURE__ */ __name(() => true, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event } = context;
    if (event.type === "node-entered")
      return context.session.channel === "voice" ? { actions: [recordAction(node, context)], wait: { kind: "recording" } } : { exit: "unsupported" };
    if (event.type === "recording-finished") return finished(node, event.url);
    if (event.type === "timed-out") return { exit: "empty" };
    if (event.type === "message-received" && event.media?.url && (event.media.kind === "audio" || event.media.kind === "voice")) return finished(node, event.media.url);
    return { wait: { kind: "recording" } };
  }, "step")
};

// schemas/nodes/end/schema.json
var schema_default13 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/end/schema.json",
  title: "End",
  description: "Ends the conversation, optionally with a last message. On the phone the call is hung up after the message. If the customer writes again later, the flow starts over from the start.",
  "x-icon": "icon.svg",
  "x-help": "Say goodbye and end the conversation.",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "end" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    text: { $ref: "../../common.schema.json#/$defs/text", title: "Goodbye", description: "Said before the conversation ends.", "x-form": { widget: "localized-text" } },
    voice: { $ref: "../../common.schema.json#/$defs/voiceOverride" }
  },
  required: ["id", "type"],
  additionalProperties: false,
  examples: [
    { id: "bye", type: "end", text: { en: "Thanks for contacting us, {{contact.name}}. Have a nice day!", it: "Grazie per averci contattato, {{contact.name}}. Buona giornata!" } }
  ]
};

// schemas/nodes/end/step.ts
var end = {
  type: "end",
  schema: schema_default13,
  exitNames: /* @__PURE__ */ __name(() => [], "exitNames"),
  step: /* @__PURE__ */ __name((node, { text }) => {
    const goodbye = node.text ? [{ type: "say", text: text(node.text), ...node.voice && { voice: { ...node.voice.ssml && { ssml: text(node.voice.ssml) }, ...node.voice.audio && { audio: node.voice.audio } } } }] : [];
    return { ...goodbye.length && { actions: goodbye }, end: "completed" };
  }, "step")
};

// schemas/nodes/template/schema.json
var schema_default14 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "nodes/template/schema.json",
  title: "WhatsApp template",
  description: "Sends a message template approved by WhatsApp. It is the only message WhatsApp lets a business send when the customer has not written in the last 24 hours, so proactive flows (order shipped, abandoned cart, payment reminder) start with one. Fill the template's {{1}}, {{2}}\u2026 with the parameters, in order. With quick-reply buttons, each button has its own exit, other catches any other reply, and timeout is taken when nobody answers in time; without buttons the flow goes straight on. Web chat, the phone and transcripts show the fallback text instead.",
  "x-icon": "icon.svg",
  "x-help": "Send an approved WhatsApp template (works outside the 24-hour window).",
  type: "object",
  properties: {
    id: { $ref: "../../common.schema.json#/$defs/id" },
    type: { const: "template" },
    name: { $ref: "../../common.schema.json#/$defs/nodeName" },
    notes: { $ref: "../../common.schema.json#/$defs/notes" },
    position: { $ref: "../../common.schema.json#/$defs/position" },
    exits: { $ref: "../../common.schema.json#/$defs/exits" },
    template: { type: "string", pattern: "^[a-z0-9_]{1,512}$", title: "Template name", description: "The template's name exactly as approved in WhatsApp Manager: lowercase letters, digits and '_', e.g. order_shipped." },
    language: { type: "string", pattern: "^[a-z]{2,3}(_[A-Z]{2,3})?$", title: "Template language", description: "The language code the template was approved in, as WhatsApp writes it: en_US, en_GB, it, zh_CN, pt_BR\u2026" },
    parameters: {
      title: "Parameters",
      description: "What fills {{1}}, {{2}}\u2026 in the template's body, in order. May use {{variables}}, e.g. {{order.id}}.",
      type: "array",
      items: { type: "string" }
    },
    buttons: {
      title: "Quick-reply buttons",
      description: "The template's quick-reply buttons, in the order they were approved. Each button's id is also the name of its exit.",
      type: "array",
      minItems: 1,
      maxItems: 10,
      "x-form": { widget: "option-list" },
      items: {
        type: "object",
        properties: {
          id: { $ref: "../../common.schema.json#/$defs/id", description: "Also the name of this button's exit." },
          label: { type: "string", minLength: 1, maxLength: 25, title: "Label", description: "The button's text exactly as approved (25 characters)." }
        },
        required: ["id", "label"],
        additionalProperties: false
      }
    },
    fallbackText: { $ref: "../../common.schema.json#/$defs/text", title: "Text elsewhere", description: "What web chat, the phone and conversation transcripts show instead of the template; write it like the template's body. May use {{variables}}.", "x-form": { widget: "localized-text" } },
    timeout: { $ref: "../../common.schema.json#/$defs/duration", title: "Timeout", description: "With buttons: how long to wait for a reply before taking the timeout exit." }
  },
  required: ["id", "type", "template", "language", "fallbackText"],
  additionalProperties: false,
  examples: [
    {
      id: "shipped",
      type: "template",
      template: "order_shipped",
      language: "en_US",
      parameters: ["{{contact.name}}", "{{order.id}}"],
      buttons: [{ id: "track", label: "Track my order" }, { id: "stop", label: "Stop updates" }],
      fallbackText: "Hi {{contact.name}}, your order {{order.id}} is on its way!",
      timeout: "P1D",
      exits: { track: "order-status", stop: "opt-out", other: "main-menu" }
    }
  ]
};

// schemas/nodes/template/step.ts
function sendTemplate(node, { render, text }) {
  return {
    type: "send-template",
    name: node.template,
    language: node.language,
    parameters: (node.parameters ?? []).map(render),
    ...node.buttons && { buttons: node.buttons.map((b) => ({ id: b.id, label: b.label })) },
    fallbackText: text(node.fallbackText)
  };
}
__name(sendTemplate, "sendTemplate");
var template = {
  type: "template",
  schema: schema_default14,
  exitNames: /* @__PURE__ */ __name((node) => node.buttons?.length ? [...node.buttons.map((b) => b.id), "other", "timeout"] : ["next"], "exitNames"),
  waitsForCustomer: /* @__PURE__ */ __name((node) => !!node.buttons?.length, "waitsForCustomer"),
  step: /* @__PURE__ */ __name((node, context) => {
    const { event } = context;
    const buttons = node.buttons ?? [];
    if (event.type === "node-entered") {
      const actions2 = [sendTemplate(node, context)];
      if (!buttons.length) return { actions: actions2, exit: "next" };
      return { actions: actions2, wait: { kind: "reply", ...node.timeout && { timeoutSeconds: context.seconds(node.timeout) } } };
    }
    if (event.type === "timed-out") return { exit: "timeout" };
    if (event.type !== "message-received") return { wait: { kind: "reply" } };
    const pressed = matchOption(buttons.map((b) => ({ id: b.id, labels: [b.label] })), event);
    return pressed ? { exit: pressed, noMatch: false } : { exit: "other" };
  }, "step")
};

// schemas/nodes/index.ts
var nodeTypes = {
  message,
  menu,
  input,
  condition,
  set,
  http,
  hours,
  wait,
  handoff,
  survey,
  subflow,
  record,
  end,
  template
};

// schemas/duration.ts
var pattern = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
function durationSeconds(duration) {
  const match = pattern.exec(duration);
  if (!match) return void 0;
  const [, d = "0", h = "0", m = "0", s = "0"] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s);
}
__name(durationSeconds, "durationSeconds");

// runtime/engine/logic.ts
import jsonLogic from "json-logic-js";
function evaluateLogic(rule, data) {
  if (typeof rule === "boolean") return rule;
  try {
    return jsonLogic.apply(rule, data);
  } catch {
    return false;
  }
}
__name(evaluateLogic, "evaluateLogic");

// runtime/engine/session.ts
function defaultVariables(flow2) {
  const vars = {};
  for (const [name, spec] of Object.entries(flow2.variables ?? {})) if (spec && "default" in spec) setPath(vars, name, structuredClone(spec.default));
  return vars;
}
__name(defaultVariables, "defaultVariables");
function pickLanguage(flow2, wanted) {
  if (!wanted) return flow2.defaultLanguage;
  if (flow2.languages.includes(wanted)) return wanted;
  const base = wanted.split(/[-_]/)[0].toLowerCase();
  return flow2.languages.find((l) => l === base || l.split("-")[0] === base) ?? flow2.defaultLanguage;
}
__name(pickLanguage, "pickLanguage");
function createSession(flow2, init) {
  return {
    id: init.id,
    channel: init.channel,
    flow: flow2.id,
    flowVersion: flow2.version,
    status: "active",
    node: null,
    nodeState: {},
    noMatch: 0,
    stack: [],
    vars: { ...defaultVariables(flow2), ...init.variables },
    contact: { ...init.contact },
    language: pickLanguage(flow2, init.contact.language),
    timers: {},
    firedTriggers: [],
    seq: 0,
    startedAt: init.at,
    updatedAt: init.at
  };
}
__name(createSession, "createSession");
function setPath(target, path, value) {
  const parts = path.split(".");
  let cursor = target;
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part];
    if (next === null || typeof next !== "object" || Array.isArray(next)) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value;
}
__name(setPath, "setPath");

// runtime/engine/triggers.ts
var allWords = /* @__PURE__ */ __name((trigger) => Object.values(trigger.keywords ?? {}).flatMap((w) => w ?? []), "allWords");
var normalizedWords = /* @__PURE__ */ new Map();
function normalizedWord(word) {
  let normalized = normalizedWords.get(word);
  if (normalized === void 0) normalizedWords.set(word, normalized = normalizeText(word));
  return normalized;
}
__name(normalizedWord, "normalizedWord");
function isShouting(text) {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
__name(isShouting, "isShouting");
function messageTrigger(flow2, message2) {
  const text = message2.text ?? "";
  if (!text.trim()) return void 0;
  const normalized = normalizeText(text);
  return (flow2.triggers ?? []).find((trigger) => {
    if (trigger.when === "keyword") return allWords(trigger).some((w) => normalizedWord(w) === normalized);
    if (trigger.when === "negative") return allWords(trigger).some((w) => containsPhrase(text, w)) || !!trigger.allCaps && isShouting(text);
    return false;
  });
}
__name(messageTrigger, "messageTrigger");
function conditionTrigger(flow2, session2, scope) {
  return (flow2.triggers ?? []).find(
    (t2) => t2.when === "condition" && !session2.firedTriggers.includes(t2.id) && !!evaluateLogic(t2.condition, scope)
  );
}
__name(conditionTrigger, "conditionTrigger");
function noMatchTrigger(flow2, session2) {
  return (flow2.triggers ?? []).find((t2) => t2.when === "no-match" && session2.noMatch >= (t2.count ?? Infinity));
}
__name(noMatchTrigger, "noMatchTrigger");

// runtime/engine/advance.ts
var MAX_HOPS = 1e3;
function advance(flows, current, event, path) {
  const run = createRun(flows, copyJson(current), event.at, path);
  handle(run, event);
  return { session: run.s, actions: run.actions };
}
__name(advance, "advance");
function copyJson(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const copy2 = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy2[i] = copyJson(value[i]);
    return copy2;
  }
  const copy = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = copyJson(value[key]);
    if (key === "__proto__") Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}
__name(copyJson, "copyJson");
var nodePositions = /* @__PURE__ */ new WeakMap();
function nodeById(flow2, id) {
  const nodes = flow2?.nodes;
  if (!nodes) return void 0;
  const at2 = nodePositions.get(nodes)?.get(id);
  if (at2 !== void 0 && nodes[at2]?.id === id) return nodes[at2];
  const positions = /* @__PURE__ */ new Map();
  nodes.forEach((node, i) => positions.has(node.id) || positions.set(node.id, i));
  nodePositions.set(nodes, positions);
  const found = positions.get(id);
  return found === void 0 ? void 0 : nodes[found];
}
__name(nodeById, "nodeById");
function templateScope(s) {
  const scope = Object.assign({}, s.vars);
  scope.contact = s.contact;
  scope.channel = s.channel;
  scope.language = s.language;
  scope.flow = { id: s.flow, version: s.flowVersion };
  return scope;
}
__name(templateScope, "templateScope");
var stepping;
var helpers = {
  text: /* @__PURE__ */ __name((text) => renderTemplate(localize(text, stepping.s.language, flowOf(stepping).defaultLanguage), scopeOf(stepping)), "text"),
  render: /* @__PURE__ */ __name((template2) => renderTemplate(template2, scopeOf(stepping)), "render"),
  evaluate: /* @__PURE__ */ __name((logic) => evaluateLogic(logic, scopeOf(stepping)), "evaluate"),
  seconds: /* @__PURE__ */ __name((duration) => durationSeconds(duration) ?? 0, "seconds")
};
function createRun(flows, s, at2, path) {
  return { flows, s, at: at2, path, actions: [] };
}
__name(createRun, "createRun");
var scopeOf = /* @__PURE__ */ __name((run) => run.scope ??= templateScope(run.s), "scopeOf");
var lookup2 = /* @__PURE__ */ __name((run, id) => typeof run.flows === "function" ? run.flows(id) : id === run.flows.id ? run.flows : void 0, "lookup");
var flowOf = /* @__PURE__ */ __name((run) => lookup2(run, run.s.flow), "flowOf");
var findNode = /* @__PURE__ */ __name((run, id) => id === null ? void 0 : nodeById(flowOf(run), id), "findNode");
var timerPrefix = /* @__PURE__ */ __name((run) => `${run.s.flow}/${run.s.node}/`, "timerPrefix");
function startTimer(run, name, seconds) {
  const prefix = `${timerPrefix(run)}${name}/`;
  cancelTimers(run, prefix);
  const id = `${prefix}${run.s.seq}`;
  run.s.timers[id] = run.at + seconds * 1e3;
  run.actions.push({ type: "start-timer", node: run.s.node ?? void 0, timer: id, at: run.s.timers[id] });
}
__name(startTimer, "startTimer");
function cancelTimers(run, prefix) {
  for (const id of Object.keys(run.s.timers)) {
    if (!id.startsWith(prefix)) continue;
    delete run.s.timers[id];
    run.actions.push({ type: "cancel-timer", timer: id });
  }
}
__name(cancelTimers, "cancelTimers");
function leave(run) {
  cancelTimers(run, timerPrefix(run));
  run.s.nodeState = {};
  run.s.wait = void 0;
}
__name(leave, "leave");
function end2(run, reason) {
  const s = run.s;
  cancelTimers(run, "");
  if (s.stack.length) s.flow = s.stack[0].flow;
  s.status = "ended";
  s.node = null;
  s.wait = void 0;
  s.stack = [];
  s.nodeState = {};
  run.actions.push({ type: "end", reason });
}
__name(end2, "end");
function optOut(run) {
  run.s.contact.optedOut = true;
  run.actions.push({ type: "opt-out" });
  end2(run, "opted-out");
}
__name(optOut, "optOut");
function setVariables(run, values) {
  const s = run.s;
  run.scope = void 0;
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith("contact.")) setPath(s.contact, name.slice("contact.".length), value);
    else setPath(s.vars, name, value);
    if (name === "contact.language" && typeof value === "string") s.language = pickLanguage(flowOf(run), value);
  }
}
__name(setVariables, "setVariables");
function apply(run, node, result) {
  const s = run.s;
  if (result.set) setVariables(run, result.set);
  if (result.noMatch === false) s.noMatch = 0;
  if (result.noMatch) {
    s.noMatch += 1;
    const trigger = noMatchTrigger(flowOf(run), s);
    if (trigger) {
      s.noMatch = 0;
      return fire(run, trigger);
    }
  }
  if (result.actions) for (const action of result.actions) run.actions.push(action.node ? action : { node: node.id, ...action });
  if (result.end) {
    leave(run);
    end2(run, result.end);
    return null;
  }
  if (result.call) {
    const inner = lookup2(run, result.call.flow);
    if (!inner) return follow(run, node, "error");
    leave(run);
    s.stack.push({ flow: s.flow, node: node.id, exit: result.call.exit });
    s.flow = inner.id;
    run.scope = void 0;
    return inner.start;
  }
  if (result.wait) {
    s.status = result.wait.kind === "handoff" ? "handoff" : "waiting";
    s.wait = result.wait.request ? { kind: result.wait.kind, request: result.wait.request } : { kind: result.wait.kind };
    s.nodeState = result.state ?? {};
    if (result.wait.timeoutSeconds) startTimer(run, "timeout", result.wait.timeoutSeconds);
    if (result.timers) for (const [name, seconds] of Object.entries(result.timers)) startTimer(run, name, seconds);
    return null;
  }
  return follow(run, node, result.exit);
}
__name(apply, "apply");
function follow(run, node, exit) {
  const s = run.s;
  leave(run);
  if (run.path && exit !== void 0) run.path.push({ flow: s.flow, node: node.id, exit });
  const target = exit === void 0 ? void 0 : node.exits?.[exit];
  if (target) return target;
  const frame = s.stack.pop();
  if (!frame) {
    end2(run, node.type === "end" ? "completed" : "dead-end");
    return null;
  }
  s.flow = frame.flow;
  s.node = frame.node;
  run.scope = void 0;
  const caller = findNode(run, frame.node);
  if (caller) return follow(run, caller, frame.exit);
  end2(run, "error");
  return null;
}
__name(follow, "follow");
function fire(run, trigger) {
  run.path?.push({ flow: run.s.flow, trigger: trigger.id });
  if (trigger.once || trigger.when === "condition") run.s.firedTriggers.push(trigger.id);
  leave(run);
  if (trigger.do === "opt-out") {
    optOut(run);
    return null;
  }
  return trigger.goto ?? null;
}
__name(fire, "fire");
function runStep(run, node, event) {
  const type = nodeTypes[node.type];
  if (!type) return { end: "error" };
  const context = { event, session: run.s, flow: flowOf(run), state: run.s.nodeState, text: helpers.text, render: helpers.render, evaluate: helpers.evaluate, seconds: helpers.seconds };
  const outer = stepping;
  stepping = run;
  try {
    return type.step(node, context);
  } catch {
    return { end: "error" };
  } finally {
    stepping = outer;
  }
}
__name(runStep, "runStep");
function travel(run, event, target) {
  const s = run.s;
  let next = target;
  let hops = 0;
  if (event) {
    const node = findNode(run, s.node);
    if (!node) return end2(run, "error");
    next = apply(run, node, runStep(run, node, event));
  }
  while (next !== null) {
    if (++hops > MAX_HOPS) return end2(run, "error");
    const node = findNode(run, next);
    if (!node) return end2(run, "error");
    s.node = node.id;
    s.nodeState = {};
    s.wait = void 0;
    s.status = "active";
    run.path?.push({ flow: s.flow, node: node.id });
    next = apply(run, node, runStep(run, node, { type: "node-entered", at: run.at }));
  }
}
__name(travel, "travel");
function begin(run) {
  const trigger = conditionTrigger(flowOf(run), run.s, scopeOf(run));
  travel(run, null, trigger ? fire(run, trigger) : flowOf(run).start);
}
__name(begin, "begin");
function restart(run) {
  const s = run.s;
  if (s.stack.length) s.flow = s.stack[0].flow;
  Object.assign(s, { status: "active", node: null, wait: void 0, stack: [], nodeState: {}, noMatch: 0, timers: {}, firedTriggers: [], vars: defaultVariables(flowOf(run)), startedAt: run.at });
  run.scope = void 0;
}
__name(restart, "restart");
var waitsForMessage = /* @__PURE__ */ __name((s) => s.wait?.kind === "reply" || s.wait?.kind === "recording", "waitsForMessage");
function handle(run, event) {
  const s = run.s;
  s.seq += 1;
  s.updatedAt = run.at;
  if (!flowOf(run) || s.contact.optedOut) return;
  if (s.status === "ended") {
    if (event.type !== "message-received" && event.type !== "conversation-started") return;
    restart(run);
  }
  switch (event.type) {
    case "conversation-started":
      if (event.variables) setVariables(run, event.variables);
      if (s.node === null) begin(run);
      return;
    case "message-received": {
      const trigger = messageTrigger(flowOf(run), event);
      if (s.status === "handoff") {
        if (trigger?.do === "opt-out") {
          leave(run);
          optOut(run);
        }
        return;
      }
      if (trigger) return travel(run, null, fire(run, trigger));
      if (s.node === null) return begin(run);
      if (waitsForMessage(s)) travel(run, event, null);
      return;
    }
    case "timer-fired": {
      if (!(event.timer in s.timers)) return;
      delete s.timers[event.timer];
      const [flowId, nodeId, name] = event.timer.split("/");
      if (flowId !== s.flow || nodeId !== s.node) return;
      return travel(run, name === "timeout" ? { type: "timed-out", at: run.at } : { ...event, timer: name }, null);
    }
    case "no-input":
      if (waitsForMessage(s)) travel(run, { type: "timed-out", at: run.at }, null);
      return;
    case "http-responded":
      if (s.wait?.kind === "http" && s.wait.request === event.request) travel(run, event, null);
      return;
    case "recording-finished":
      if (s.wait?.kind === "recording") travel(run, event, null);
      return;
    case "handoff-ended":
      if (s.status !== "handoff") return;
      if (event.resumeAt && findNode(run, event.resumeAt)) {
        leave(run);
        return travel(run, null, event.resumeAt);
      }
      return travel(run, event, null);
    case "conversation-closed":
      if (s.status !== "ended") {
        leave(run);
        end2(run, "closed");
      }
      return;
  }
}
__name(handle, "handle");

// test/fixtures/generate-flow.ts
var WEIGHTS = { message: 35, menu: 15, input: 10, set: 10, condition: 8, http: 3, handoff: 2, hours: 2 };
var OTHER_WEIGHT = 0.5;
var COLUMNS = 25;
var SPACING = { x: 320, y: 200 };
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t2 = a;
    t2 = Math.imul(t2 ^ t2 >>> 15, t2 | 1);
    t2 ^= t2 + Math.imul(t2 ^ t2 >>> 7, t2 | 61);
    return ((t2 ^ t2 >>> 14) >>> 0) / 4294967296;
  };
}
__name(seededRandom, "seededRandom");
var examplesOf = /* @__PURE__ */ __name((type) => (nodeTypes[type]?.schema.examples ?? []).filter((e) => e && e.type === type), "examplesOf");
function pickType(types, random2) {
  const total = types.reduce((sum, t2) => sum + (WEIGHTS[t2] ?? OTHER_WEIGHT), 0);
  let roll = random2() * total;
  for (const type of types) if ((roll -= WEIGHTS[type] ?? OTHER_WEIGHT) < 0) return type;
  return types[types.length - 1];
}
__name(pickType, "pickType");
var pick = /* @__PURE__ */ __name((random2, list) => list[Math.floor(random2() * list.length)], "pick");
var SAYINGS = [
  "Thanks, {{contact.name}}!",
  "Orders ship within 2 working days.",
  "Your order {{order_id}} is on its way.",
  "We are open Monday to Friday, 9:00-18:00.",
  "Returns are free within 30 days.",
  "Got it, one moment please.",
  "Sorry, that did not work. Let us try again.",
  "You can pay by card, PayPal or cash on delivery."
];
var QUESTIONS = ["How can we help?", "What would you like to do?", "Which one is it?", "Anything else?", "How was your order?"];
var LABELS = ["Track my order", "Returns", "Payments", "Delivery times", "Talk to us", "Something else", "Yes", "No", "Main menu"];
var ASKS = [
  { text: "What is your order number?", kind: "text", saveAs: "order_id" },
  { text: "What is your email address?", kind: "email", saveAs: "email" },
  { text: "How many items?", kind: "number", saveAs: "quantity" },
  { text: "Shall we confirm it?", kind: "yes-no", saveAs: "confirmed" },
  { text: "Which day suits you?", kind: "date", saveAs: "delivery_day" }
];
var TESTS = [
  { id: "shipped", when: { "==": [{ var: "order_status" }, "shipped"] } },
  { id: "many", when: { ">": [{ var: "quantity" }, 3] } },
  { id: "yes", when: { var: "confirmed" } },
  { id: "vip", when: { "==": [{ var: "contact.tier" }, "gold"] } }
];
var SHAPES = {
  message: /* @__PURE__ */ __name((random2) => ({ text: pick(random2, SAYINGS) }), "message"),
  menu: /* @__PURE__ */ __name((random2) => {
    const first = Math.floor(random2() * (LABELS.length - 3));
    const labels = LABELS.slice(first, first + 3 + Math.floor(random2() * 2));
    return { text: pick(random2, QUESTIONS), options: labels.map((label, i) => ({ id: `o${i + 1}`, label })) };
  }, "menu"),
  input: /* @__PURE__ */ __name((random2) => ({ ...pick(random2, ASKS) }), "input"),
  set: /* @__PURE__ */ __name((random2) => ({ assignments: [random2() < 0.5 ? { variable: "topic", value: pick(random2, LABELS) } : { variable: "visits", expression: { "+": [{ var: "visits" }, 1] } }] }), "set"),
  condition: /* @__PURE__ */ __name((random2) => ({ branches: [structuredClone(pick(random2, TESTS))] }), "condition"),
  http: /* @__PURE__ */ __name(() => ({ method: "GET", url: "https://shop.example/api/orders/{{order_id}}", responseMap: { order_status: "/status" } }), "http"),
  handoff: /* @__PURE__ */ __name(() => ({ queue: "support", text: "Connecting you to a colleague..." }), "handoff"),
  hours: /* @__PURE__ */ __name(() => ({ timezone: "Europe/Rome", weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [{ from: "09:00", to: "18:00" }]])) }), "hours"),
  end: /* @__PURE__ */ __name(() => ({ text: "Thanks for contacting us. Bye!" }), "end")
};
function bodyOf(type, random2) {
  const shape = SHAPES[type];
  if (shape) return shape(random2);
  const { id: _id, type: _type, ...body } = structuredClone(pick(random2, examplesOf(type)));
  return body;
}
__name(bodyOf, "bodyOf");
var between = /* @__PURE__ */ __name((random2, lo, hi) => lo + Math.floor(random2() * (hi - lo + 1)), "between");
function wire(nodes, random2) {
  const last = nodes.length - 1;
  nodes.forEach((node, i) => {
    const type = nodeTypes[node.type];
    const names = type.exitNames(node);
    const waits = type.waitsForCustomer?.(node) ?? false;
    const exits = {};
    names.forEach((name, k) => {
      if (name === "timeout") return;
      let target;
      if (i === last) target = 0;
      else if (k === 0) target = i + 1;
      else if (waits && name !== "unsupported" && random2() < 0.3) target = between(random2, Math.max(0, i - 50), i);
      else target = between(random2, i + 1, Math.min(last, i + 30));
      exits[name] = nodes[target].id;
    });
    if (names.length) node.exits = exits;
    else delete node.exits;
  });
}
__name(wire, "wire");
function variablesRead(node) {
  const json = JSON.stringify(node);
  const templates = [...json.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g)].map((m) => m[1]);
  const logic = [...json.matchAll(/"var":\s*"([A-Za-z_][A-Za-z0-9_.]*)"/g)].map((m) => m[1]);
  return [...templates, ...logic];
}
__name(variablesRead, "variablesRead");
function generateFlow(options2 = {}) {
  const count = Math.max(2, options2.nodes ?? 1e3);
  const random2 = seededRandom(options2.seed ?? 1);
  const exclude = new Set(options2.exclude ?? ["subflow"]);
  const types = Object.keys(nodeTypes).filter((t2) => !exclude.has(t2) && (SHAPES[t2] || examplesOf(t2).length > 0));
  if (!types.includes("menu")) throw new Error("generateFlow needs the menu node type");
  const inner = types.filter((t2) => t2 !== "end");
  const nodes = [];
  for (let i = 0; i < count; i++) {
    const type = i === 0 ? "menu" : i === count - 1 && types.includes("end") ? "end" : pickType(inner, random2);
    const body = bodyOf(type, random2);
    const title = String(nodeTypes[type].schema.title ?? type);
    nodes.push({
      id: `${type}-${i}`,
      type,
      // the designer names no node by default; people name their menus
      ...type === "menu" && { name: `${title} ${i}` },
      ...body,
      position: { x: i % COLUMNS * SPACING.x, y: Math.floor(i / COLUMNS) * SPACING.y }
    });
  }
  wire(nodes, random2);
  const variables = {};
  for (const name of [...nodes.flatMap((node) => nodeTypes[node.type].setsVariables?.(node) ?? []), ...nodes.flatMap(variablesRead)])
    if (!/^(contact|secrets|channel|language|flow)(\.|$)/.test(name)) variables[name] ??= { type: "string" };
  return {
    id: `generated-${count}`,
    name: `Generated flow (${count} nodes, seed ${options2.seed ?? 1})`,
    version: 1,
    channels: ["whatsapp", "voice", "webchat"],
    languages: ["en"],
    defaultLanguage: "en",
    variables,
    start: nodes[0].id,
    triggers: [{ id: "stop", when: "keyword", keywords: { en: ["stop", "unsubscribe"], it: ["stop", "basta"] }, do: "opt-out" }],
    nodes
  };
}
__name(generateFlow, "generateFlow");

// bench/tmp-eng2.ts
var flow = generateFlow({ nodes: 1e3, seed: 1 });
var ANSWERS = { number: "42", email: "ada@example.com", phone: "+393331234567", date: "2026-12-25", "yes-no": "yes" };
function nextEvent(session2, actions2, at2, random2) {
  const wait2 = session2.wait;
  if (session2.status === "handoff") return { type: "handoff-ended", at: at2 };
  if (wait2?.kind === "http" && wait2.request) return { type: "http-responded", at: at2, request: wait2.request, status: 200, body: { ok: true } };
  if (wait2?.kind === "timer") {
    const timer = Object.keys(session2.timers)[0];
    if (timer) return { type: "timer-fired", at: session2.timers[timer], timer };
  }
  const ask4 = actions2.findLast((a) => a.type === "ask");
  if (ask4?.type === "ask" && ask4.options?.length) return { type: "message-received", at: at2, choice: ask4.options[Math.floor(random2() * ask4.options.length)].id };
  return { type: "message-received", at: at2, text: ANSWERS[ask4?.type === "ask" ? ask4.expect ?? "" : ""] ?? "AB123456" };
}
__name(nextEvent, "nextEvent");
var start = createSession(flow, { id: "bench", channel: "whatsapp", contact: { id: "c1", name: "Ada", language: "en" }, at: 17672256e5 });
var random = seededRandom(7);
var events = [];
var session = start;
var actions = [];
var at = start.startedAt;
for (let i = 0; i < 2e4; i++) {
  at += 1e3;
  const e = nextEvent(session, actions, at, random);
  at = Math.max(at, e.at);
  events.push(e);
  ({ session, actions } = advance(flow, session, e));
}
var rounds = Number(process.argv[2] ?? 10);
var c = process.cpuUsage();
var t = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  session = start;
  for (const e of events) session = advance(flow, session, e).session;
}
var u = process.cpuUsage(c);
console.log("steps/s wall", Math.round(rounds * events.length / (Number(process.hrtime.bigint() - t) / 1e9)), "cpu", Math.round(rounds * events.length / (u.user / 1e6)));
