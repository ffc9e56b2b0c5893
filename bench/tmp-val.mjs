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
  return [...first ? [first] : [], ...Object.entries(text).filter(([l]) => l !== language).map(([, t]) => t)];
}
__name(localizedForms, "localizedForms");

// schemas/nodes/match.ts
import { distance } from "fastest-levenshtein";
function normalizeText(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
__name(normalizeText, "normalizeText");
function containsPhrase(text, phrase) {
  const t = ` ${normalizeText(text)} `;
  const p = normalizeText(phrase);
  return p.length > 0 && t.includes(` ${p} `);
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
  const options2 = [];
  const hints = [];
  for (let i = 0; i < node.options.length; i++) {
    const o = node.options[i];
    const option = { id: o.id, label: text(o.label) };
    if (o.description) option.description = text(o.description);
    const key = keyOf(o, i);
    if (key) option.key = key;
    options2.push(option);
    hints.push(option.label);
  }
  for (const o of node.options) if (o.synonyms) for (const words of Object.values(o.synonyms)) hints.push(...Array.isArray(words) ? words : [words]);
  return {
    type: "ask",
    text: text(node.text),
    expect: "choice",
    options: options2,
    hints,
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
  return (node.choices ?? []).map((c, i) => ({
    id: c.id,
    labels: localizedForms(c.label, context.session.language),
    synonyms: Object.values(c.synonyms ?? {}).flat(),
    ...i < 9 && { key: String(i + 1) }
  }));
}
__name(choiceOptions, "choiceOptions");
function askOptions(node, context) {
  if (node.kind === "yes-no") return yesNo.map((o, i) => ({ id: o.id, label: labelsFor(context.session.language)[i], key: o.key }));
  if (node.kind === "choice") return (node.choices ?? []).map((c, i) => ({ id: c.id, label: context.text(c.label), ...i < 9 && { key: String(i + 1) } }));
  return void 0;
}
__name(askOptions, "askOptions");
function ask2(node, context) {
  const options2 = askOptions(node, context);
  const synonyms = node.kind === "choice" ? (node.choices ?? []).flatMap((c) => Object.values(c.synonyms ?? {}).flat()) : [];
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
function inertValue(value) {
  if (typeof value === "string") return value.includes("{{") ? value.replace(/\{\{/g, "{\u200B{") : value;
  if (Array.isArray(value)) return value.map(inertValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inertValue(v)]));
  return value;
}
__name(inertValue, "inertValue");
function localize(text, language, defaultLanguage) {
  if (text === void 0) return "";
  if (typeof text === "string") return text;
  return text[language] ?? text[language.split("-")[0]] ?? text[defaultLanguage] ?? Object.values(text).find((t) => t !== void 0) ?? "";
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
function localTime(at, timeZone) {
  const parts = {};
  for (const part of formatFor(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
  return {
    weekday: parts.weekday.toLowerCase(),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)
  };
}
__name(localTime, "localTime");
var secondsOf = /* @__PURE__ */ __name((hhmm) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60, "secondsOf");
function isOpen(node, at) {
  const now = localTime(at, node.timezone);
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
function defaultSummary(session) {
  const { contact } = session;
  const who = [contact.name, contact.phone].filter(Boolean).join(", ") || contact.id;
  return [`Customer: ${who}`, `Channel: ${session.channel}`, `Language: ${session.language}`, ...Object.entries(session.vars).map(([name, value]) => `${name}: ${show(value)}`)].join("\n");
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
  const offered2 = options(node, node.kind, context);
  return {
    type: "ask",
    text: question,
    expect: "choice",
    options: offered2,
    ...node.labels?.length && { hints: offered2.map((o) => o.label) },
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
  step: /* @__PURE__ */ __name((node, { flow: flow2, session }) => {
    const running = [flow2.id, ...session.stack.map((frame) => frame.flow)];
    if (running.includes(node.flow) || session.stack.length >= MAX_SUBFLOW_DEPTH) return { exit: "error" };
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
      const actions = [sendTemplate(node, context)];
      if (!buttons.length) return { actions, exit: "next" };
      return { actions, wait: { kind: "reply", ...node.timeout && { timeoutSeconds: context.seconds(node.timeout) } } };
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

// test/fixtures/generate-flow.ts
var WEIGHTS = { message: 35, menu: 15, input: 10, set: 10, condition: 8, http: 3, handoff: 2, hours: 2 };
var OTHER_WEIGHT = 0.5;
var COLUMNS = 25;
var SPACING = { x: 320, y: 200 };
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
__name(seededRandom, "seededRandom");
var examplesOf = /* @__PURE__ */ __name((type) => (nodeTypes[type]?.schema.examples ?? []).filter((e) => e && e.type === type), "examplesOf");
function pickType(types, random) {
  const total = types.reduce((sum, t) => sum + (WEIGHTS[t] ?? OTHER_WEIGHT), 0);
  let roll = random() * total;
  for (const type of types) if ((roll -= WEIGHTS[type] ?? OTHER_WEIGHT) < 0) return type;
  return types[types.length - 1];
}
__name(pickType, "pickType");
var pick = /* @__PURE__ */ __name((random, list) => list[Math.floor(random() * list.length)], "pick");
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
  message: /* @__PURE__ */ __name((random) => ({ text: pick(random, SAYINGS) }), "message"),
  menu: /* @__PURE__ */ __name((random) => {
    const first = Math.floor(random() * (LABELS.length - 3));
    const labels = LABELS.slice(first, first + 3 + Math.floor(random() * 2));
    return { text: pick(random, QUESTIONS), options: labels.map((label, i) => ({ id: `o${i + 1}`, label })) };
  }, "menu"),
  input: /* @__PURE__ */ __name((random) => ({ ...pick(random, ASKS) }), "input"),
  set: /* @__PURE__ */ __name((random) => ({ assignments: [random() < 0.5 ? { variable: "topic", value: pick(random, LABELS) } : { variable: "visits", expression: { "+": [{ var: "visits" }, 1] } }] }), "set"),
  condition: /* @__PURE__ */ __name((random) => ({ branches: [structuredClone(pick(random, TESTS))] }), "condition"),
  http: /* @__PURE__ */ __name(() => ({ method: "GET", url: "https://shop.example/api/orders/{{order_id}}", responseMap: { order_status: "/status" } }), "http"),
  handoff: /* @__PURE__ */ __name(() => ({ queue: "support", text: "Connecting you to a colleague..." }), "handoff"),
  hours: /* @__PURE__ */ __name(() => ({ timezone: "Europe/Rome", weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [{ from: "09:00", to: "18:00" }]])) }), "hours"),
  end: /* @__PURE__ */ __name(() => ({ text: "Thanks for contacting us. Bye!" }), "end")
};
function bodyOf(type, random) {
  const shape = SHAPES[type];
  if (shape) return shape(random);
  const { id: _id, type: _type, ...body } = structuredClone(pick(random, examplesOf(type)));
  return body;
}
__name(bodyOf, "bodyOf");
var between = /* @__PURE__ */ __name((random, lo, hi) => lo + Math.floor(random() * (hi - lo + 1)), "between");
function wire(nodes, random) {
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
      else if (waits && name !== "unsupported" && random() < 0.3) target = between(random, Math.max(0, i - 50), i);
      else target = between(random, i + 1, Math.min(last, i + 30));
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
  const random = seededRandom(options2.seed ?? 1);
  const exclude = new Set(options2.exclude ?? ["subflow"]);
  const types = Object.keys(nodeTypes).filter((t) => !exclude.has(t) && (SHAPES[t] || examplesOf(t).length > 0));
  if (!types.includes("menu")) throw new Error("generateFlow needs the menu node type");
  const inner = types.filter((t) => t !== "end");
  const nodes = [];
  for (let i = 0; i < count; i++) {
    const type = i === 0 ? "menu" : i === count - 1 && types.includes("end") ? "end" : pickType(inner, random);
    const body = bodyOf(type, random);
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
  wire(nodes, random);
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

// schemas/validate.ts
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// schemas/lint/rules/exit-to-unknown-node.ts
var exitToUnknownNode = {
  code: "exit-to-unknown-node",
  severity: "error",
  description: "An exit that points at a node id that does not exist would end the conversation abruptly.",
  check: /* @__PURE__ */ __name(({ flow: flow2, byId, label, pointer }) => {
    const findings = [];
    for (const node of flow2.nodes)
      for (const exit in node.exits) {
        const target = node.exits[exit];
        if (target && !byId.has(target))
          findings.push({ pointer: pointer(node, "exits", exit), node: node.id, message: `${label(node)}: exit '${exit}' leads to node '${target}', which does not exist` });
      }
    return findings;
  }, "check")
};

// schemas/lint/rules/exit-not-an-exit.ts
var exitNotAnExit = {
  code: "exit-not-an-exit",
  severity: "warning",
  description: "A connection from an exit the node does not have (an option since renamed or removed) is never followed.",
  check: /* @__PURE__ */ __name(({ flow: flow2, exitNames, label, pointer }) => {
    const findings = [];
    for (const node of flow2.nodes) {
      if (!nodeTypes[node.type]) continue;
      const names = exitNames(node);
      for (const exit in node.exits)
        if (!names.includes(exit))
          findings.push({
            pointer: pointer(node, "exits", exit),
            node: node.id,
            message: names.length ? `${label(node)}: '${exit}' is not one of its exits (${names.join(", ")}), so this connection is never used` : `${label(node)}: it has no exits, so the connection from '${exit}' is never used`
          });
    }
    return findings;
  }, "check")
};

// schemas/lint/rules/missing-start.ts
var missingStart = {
  code: "missing-start",
  severity: "error",
  description: "A flow whose start names no node cannot begin a conversation.",
  check: /* @__PURE__ */ __name(({ flow: flow2, byId }) => byId.has(flow2.start) ? [] : [{ pointer: "/start", message: `The flow starts at '${flow2.start}', but there is no node with that id; pick the first step of the conversation` }], "check")
};

// schemas/lint/rules/duplicate-node-id.ts
var duplicateNodeId = {
  code: "duplicate-node-id",
  severity: "error",
  description: "Two nodes with one id make every connection to that id ambiguous; only the first is ever reached.",
  check: /* @__PURE__ */ __name(({ flow: flow2, byId, label }) => flow2.nodes.flatMap((node, i) => {
    const first = byId.get(node.id);
    return first && first !== node ? [
      {
        pointer: `/nodes/${i}/id`,
        node: node.id,
        message: `${label(node)} has the same id '${node.id}' as ${label(first)}; connections only reach the first, so give it its own id`
      }
    ] : [];
  }), "check")
};

// schemas/lint/rules/unreachable-node.ts
var unreachableNode = {
  code: "unreachable-node",
  severity: "warning",
  description: "A node nothing leads to (neither the start, another node nor a trigger) is never used.",
  // Not reported while the start itself is missing (missing-start): then almost everything would be.
  check: /* @__PURE__ */ __name(({ flow: flow2, byId, reachable, label, pointer }) => byId.has(flow2.start) ? flow2.nodes.filter((node) => !reachable.has(node.id) && byId.get(node.id) === node).map((node) => ({ pointer: pointer(node), node: node.id, message: `${label(node)} can never be reached: no step and no trigger leads to it` })) : [], "check")
};

// schemas/common.schema.json
var common_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "common.schema.json",
  title: "Switchboard shared definitions",
  description: "Building blocks every node schema reuses: localized texts, durations, exits, positions.",
  $defs: {
    id: {
      title: "Id",
      description: "A stable identifier: letters, digits, '-' and '_'. Referenced by exits; never a display name.",
      type: "string",
      pattern: "^[A-Za-z0-9_-]{1,64}$"
    },
    language: {
      title: "Language",
      description: "A BCP 47 language tag such as en, it, zh or pt-BR.",
      type: "string",
      pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
    },
    text: {
      title: "Text",
      description: 'A text shown or spoken to the customer. Either one string, or one string per language ({"en": "Hello", "it": "Ciao"}). May use {{variables}}.',
      anyOf: [
        {
          type: "string"
        },
        {
          type: "object",
          minProperties: 1,
          propertyNames: {
            $ref: "#/$defs/language"
          },
          additionalProperties: {
            type: "string"
          }
        }
      ]
    },
    words: {
      title: "Words per language",
      description: 'Words or phrases per language, e.g. {"en": ["agent", "human"], "it": ["operatore"]}.',
      type: "object",
      propertyNames: {
        $ref: "#/$defs/language"
      },
      additionalProperties: {
        type: "array",
        items: {
          type: "string",
          minLength: 1
        }
      }
    },
    duration: {
      title: "Duration",
      description: "An ISO 8601 duration: PT30S is 30 seconds, PT10M ten minutes, PT2H two hours, P1D one day.",
      type: "string",
      pattern: "^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$",
      examples: [
        "PT30S",
        "PT10M",
        "P1D"
      ]
    },
    variableName: {
      title: "Variable",
      description: "A variable name: letters, digits and '_', dots for nested fields (order.status).",
      type: "string",
      pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"
    },
    logic: {
      title: "Condition",
      description: 'A JSON Logic rule, e.g. {">": [{"var": "order.total"}, 100]}. Data, never code.',
      type: [
        "object",
        "boolean"
      ]
    },
    exits: {
      title: "Exits",
      description: "Where each exit of this node leads: exit name -> node id. An exit left out ends the conversation there.",
      type: "object",
      propertyNames: {
        $ref: "#/$defs/id"
      },
      additionalProperties: {
        $ref: "#/$defs/id"
      }
    },
    position: {
      title: "Position",
      description: "Where the node sits on the canvas.",
      type: "object",
      properties: {
        x: {
          type: "number"
        },
        y: {
          type: "number"
        }
      },
      required: [
        "x",
        "y"
      ],
      additionalProperties: false
    },
    voiceOverride: {
      title: "Voice",
      description: "How the phone channel says this node: SSML markup or a recorded audio file instead of text-to-speech.",
      type: "object",
      properties: {
        ssml: {
          title: "SSML",
          $ref: "#/$defs/text"
        },
        audio: {
          title: "Audio URL",
          type: "string",
          format: "uri"
        }
      },
      additionalProperties: false
    },
    media: {
      title: "Media",
      description: "An image, audio, video or document sent with the message.",
      type: "object",
      properties: {
        kind: {
          enum: [
            "image",
            "audio",
            "video",
            "document"
          ]
        },
        url: {
          type: "string",
          format: "uri"
        },
        caption: {
          $ref: "#/$defs/text"
        }
      },
      required: [
        "kind",
        "url"
      ],
      additionalProperties: false
    },
    nodeName: {
      title: "Name",
      description: "What the node is called on the canvas and in problems.",
      type: "string",
      maxLength: 80
    },
    notes: {
      title: "Notes",
      description: "A note for colleagues; never shown to customers.",
      type: "string"
    }
  }
};

// schemas/lint/memo.ts
function perValidation(create) {
  const values = /* @__PURE__ */ new WeakMap();
  let lastOwner;
  let lastValue;
  return (owner) => {
    if (owner === lastOwner) return lastValue;
    let value = values.get(owner);
    if (value === void 0) values.set(owner, value = create(owner));
    lastOwner = owner;
    lastValue = value;
    return value;
  };
}
__name(perValidation, "perValidation");

// schemas/lint/node-json.ts
var structural = /* @__PURE__ */ new Set(["id", "type", "exits", "position", "notes", "name"]);
var textRef = /(^|#\/\$defs\/)text$/;
function collectTextFields(schema, root, path, title, out, depth) {
  if (!schema || typeof schema !== "object" || depth > 8) return;
  const ref = schema.$ref;
  if (ref) {
    if (textRef.test(ref)) {
      out.set(path.join("/"), { path, title: schema.title ?? title });
      return;
    }
    const name = ref.split("#/$defs/")[1];
    const document = ref.startsWith("#") ? root : ref.includes("common.schema.json") ? common_schema_default : root;
    const def = name ? document.$defs?.[name] : void 0;
    if (def) collectTextFields(def, document, path, schema.title ?? def.title ?? title, out, depth + 1);
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) for (const sub of schema[key] ?? []) collectTextFields(sub, root, path, title, out, depth + 1);
  for (const key of ["then", "else"]) if (schema[key]) collectTextFields(schema[key], root, path, title, out, depth + 1);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (path.length === 0 && structural.has(key)) continue;
    const childTitle = sub.title ?? key;
    const nested = path.length > 0 && path[path.length - 1] !== "*";
    collectTextFields(sub, root, [...path, key], nested ? `${title} ${childTitle}` : childTitle, out, depth + 1);
  }
  if (schema.items && typeof schema.items === "object") collectTextFields(schema.items, root, [...path, "*"], title, out, depth + 1);
}
__name(collectTextFields, "collectTextFields");
var textFieldsByType = /* @__PURE__ */ new Map();
function textFields(type) {
  let fields = textFieldsByType.get(type);
  if (!fields) {
    const out = /* @__PURE__ */ new Map();
    const schema = nodeTypes[type]?.schema;
    if (schema) collectTextFields(schema, schema, [], "", out, 0);
    textFieldsByType.set(type, fields = [...out.values()]);
  }
  return fields;
}
__name(textFields, "textFields");
function nodeTexts(node, localizedOnly = false) {
  const out = [];
  const path = [];
  for (const field of textFields(node.type)) expandText(node, field, path, out, localizedOnly);
  return out;
}
__name(nodeTexts, "nodeTexts");
function expandText(value, field, path, out, localizedOnly) {
  if (value === void 0 || value === null) return;
  const i = path.length;
  if (i === field.path.length) {
    if (typeof value === "string" && !localizedOnly || typeof value === "object" && !Array.isArray(value)) out.push({ path: path.slice(), value, title: field.title });
    return;
  }
  const part = field.path[i];
  if (part === "*") {
    if (!Array.isArray(value)) return;
    for (let j = 0; j < value.length; j++) {
      path.push(j);
      expandText(value[j], field, path, out, localizedOnly);
      path.pop();
    }
  } else if (typeof value === "object") {
    path.push(part);
    expandText(value[part], field, path, out, localizedOnly);
    path.pop();
  }
}
__name(expandText, "expandText");
function findItem(node, id) {
  for (const [field, value] of Object.entries(node)) {
    if (!Array.isArray(value)) continue;
    const index = value.findIndex((item) => item && typeof item === "object" && item.id === id);
    if (index >= 0) return { field, index, item: value[index] };
  }
  return void 0;
}
__name(findItem, "findItem");
function singular(field) {
  if (/(ch|sh|s|x)es$/.test(field)) return field.slice(0, -2);
  if (/ies$/.test(field)) return `${field.slice(0, -3)}y`;
  return field.replace(/s$/, "");
}
__name(singular, "singular");
function itemName(found, flow2, language = flow2.defaultLanguage) {
  const { item } = found;
  const label = item.label ?? item.title ?? item.name;
  const shown = label !== void 0 && (typeof label === "string" || typeof label === "object") ? localize(label, language, flow2.defaultLanguage) : "";
  return `${singular(found.field)} '${shown || String(item.id)}'`;
}
__name(itemName, "itemName");
function textName(node, text, flow2) {
  const at = text.path.findIndex((p) => typeof p === "number");
  if (at > 0) {
    const item = node[String(text.path[0])]?.[text.path[at]];
    if (item && typeof item === "object" && "id" in item) {
      const name = itemName({ field: String(text.path[0]), index: text.path[at], item }, flow2);
      return at === text.path.length - 1 ? name : `${name} ${text.title.toLowerCase()}`;
    }
    return `${text.title} ${text.path[at] + 1}`;
  }
  return `the ${text.title}`;
}
__name(textName, "textName");
function locateText(node, emitted, language, flow2, within = []) {
  for (const text of nodeTexts(node)) {
    if (within.some((p, i) => text.path[i] !== p)) continue;
    if (localize(text.value, language, flow2.defaultLanguage) !== emitted) continue;
    if (typeof text.value === "string") return text.path;
    const key = [language, language.split("-")[0], flow2.defaultLanguage].find((l) => text.value[l] === emitted);
    return key ? [...text.path, key] : text.path;
  }
  return void 0;
}
__name(locateText, "locateText");
var namedFields = /* @__PURE__ */ new Set(["timezone", "weekly", "holidays", "sla"]);
var none = [];
var scansOf = perValidation(() => /* @__PURE__ */ new Map());
function scanNode(owner, node) {
  const byNode = scansOf(owner);
  let scan = byNode.get(node);
  if (scan) return scan;
  scan = { templates: none, logic: none };
  scanValue(node, [], scan);
  byNode.set(node, scan);
  return scan;
}
__name(scanNode, "scanNode");
function scanValue(value, path, found) {
  if (typeof value === "string") {
    if (value.includes("{{")) (found.templates === none ? found.templates = [] : found.templates).push({ text: value, path: path.slice() });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      scanValue(value[i], path, found);
      path.pop();
    }
    return;
  }
  const record2 = value;
  if ("var" in record2) {
    let keys = 0;
    for (const _ in record2) keys++;
    const target = Array.isArray(record2.var) ? record2.var[0] : record2.var;
    if (keys === 1 && typeof target === "string" && target) (found.logic === none ? found.logic = [] : found.logic).push({ name: target, path: [...path, "var"] });
  }
  for (const key in record2) {
    if (path.length === 0 && structural.has(key)) continue;
    path.push(key);
    if (namedFields.has(key)) {
      const entry = { path: path.slice(), value: record2[key] };
      const list = (found.named ??= /* @__PURE__ */ new Map()).get(key);
      if (list) list.push(entry);
      else found.named.set(key, [entry]);
    }
    scanValue(record2[key], path, found);
    path.pop();
  }
}
__name(scanValue, "scanValue");
var fieldsNamed = /* @__PURE__ */ __name((owner, node, name) => scanNode(owner, node).named?.get(name) ?? none, "fieldsNamed");
var jsonPointer = /* @__PURE__ */ __name((path) => path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""), "jsonPointer");

// schemas/duration.ts
var pattern = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
function durationSeconds(duration) {
  const match = pattern.exec(duration);
  if (!match) return void 0;
  const [, d = "0", h = "0", m = "0", s = "0"] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s);
}
__name(durationSeconds, "durationSeconds");

// schemas/lint/simulate.ts
var runsOf = perValidation(() => /* @__PURE__ */ new Map());
var keyOf2 = /* @__PURE__ */ __name((node, channel, language) => node.channel ? node.language ? `${channel}|${language}` : channel : node.language ? `|${language}` : "", "keyOf");
function enter(index, node, channel = index.flow.channels[0], language = index.flow.defaultLanguage) {
  const byNode = runsOf(index);
  const known2 = byNode.get(node);
  if (known2) {
    if (known2.only) return known2.only;
    const hit = known2.results?.get(keyOf2(known2, channel, language));
    if (hit) return hit;
  }
  const run = simulate(index, node, channel, language);
  if (!known2 && !run.readsChannel && !run.readsLanguage) {
    byNode.set(node, { channel: false, language: false, only: run.result });
    return run.result;
  }
  const entry = known2 ?? { channel: false, language: false };
  entry.channel ||= run.readsChannel;
  entry.language ||= run.readsLanguage;
  (entry.results ??= /* @__PURE__ */ new Map()).set(keyOf2(entry, channel, language), run.result);
  if (!known2) byNode.set(node, entry);
  return run.result;
}
__name(enter, "enter");
var simulator = perValidation((owner) => createSimulator(owner));
function createSimulator(index) {
  const { flow: flow2 } = index;
  const current = { node: flow2.nodes[0], channel: flow2.channels[0], language: flow2.defaultLanguage, readsChannel: false, readsLanguage: false };
  const session = {
    id: "lint",
    get channel() {
      current.readsChannel = true;
      return current.channel;
    },
    flow: flow2.id,
    flowVersion: flow2.version,
    status: "active",
    get node() {
      return current.node.id;
    },
    nodeState: {},
    noMatch: 0,
    stack: [],
    vars: {},
    contact: { id: "lint" },
    get language() {
      current.readsLanguage = true;
      return current.language;
    },
    timers: {},
    firedTriggers: [],
    seq: 0,
    startedAt: 0,
    updatedAt: 0
  };
  const context = {
    event: { type: "node-entered", at: 0 },
    session,
    flow: flow2,
    state: {},
    text: /* @__PURE__ */ __name((text) => {
      if (text !== null && typeof text === "object") current.readsLanguage = true;
      return localize(text, current.language, flow2.defaultLanguage);
    }, "text"),
    render: /* @__PURE__ */ __name((template2) => template2, "render"),
    evaluate: /* @__PURE__ */ __name(() => void 0, "evaluate"),
    seconds: /* @__PURE__ */ __name((duration) => durationSeconds(duration) ?? 0, "seconds")
  };
  return { current, context };
}
__name(createSimulator, "createSimulator");
function simulate(index, node, channel, language) {
  const { current, context } = simulator(index);
  current.node = node;
  current.channel = channel;
  current.language = language;
  current.readsChannel = false;
  current.readsLanguage = false;
  context.state = {};
  let result;
  try {
    result = nodeTypes[node.type]?.step(node, context) ?? {};
  } catch {
    result = {};
  }
  return { result, readsChannel: current.readsChannel, readsLanguage: current.readsLanguage };
}
__name(simulate, "simulate");
function pauses(index, node) {
  if (nodeTypes[node.type]?.waitsForCustomer?.(node)) return true;
  const result = enter(index, node);
  return !!(result.wait || result.call || result.end);
}
__name(pauses, "pauses");
var customerFacing = /* @__PURE__ */ __name((action) => ["say", "ask", "play", "record", "send-template", "hand-off"].includes(action.type), "customerFacing");
var channelNames = { whatsapp: "WhatsApp", voice: "the phone", webchat: "web chat" };
var channelName = /* @__PURE__ */ __name((channel) => channelNames[channel] ?? channel, "channelName");

// schemas/lint/rules/dead-end.ts
var notHere = /* @__PURE__ */ new Set(["timeout", "error", "unsupported"]);
var deadEnd = {
  code: "dead-end",
  severity: "error",
  description: "A customer who reaches a step that leads nowhere is left without an answer or a goodbye.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, exitNames, label, pointer } = index;
    const noMatchTrigger = (flow2.triggers ?? []).some((t) => t.when === "no-match");
    if (flow2.subflow) return [];
    return flow2.nodes.flatMap((node) => {
      if (!nodeTypes[node.type]) return [];
      const names = exitNames(node);
      if (!names.length) return [];
      const open = names.filter((exit) => !node.exits?.[exit] && !notHere.has(exit));
      if (!open.length || enter(index, node).end) return [];
      const waits = pauses(index, node);
      const connected = names.filter((exit) => node.exits?.[exit]);
      if (!waits && !connected.length)
        return [
          { pointer: pointer(node), node: node.id, message: `${label(node)} leads nowhere: the conversation stops here. Connect it to the next step, or finish with an End step` }
        ];
      const findings = [];
      const rest = [];
      for (const exit of open) {
        const item = findItem(node, exit);
        if (item)
          findings.push({
            pointer: pointer(node, item.field, item.index),
            node: node.id,
            message: `${label(node)}: ${itemName(item, flow2)} leads nowhere; connect it to the next step`
          });
        else if (exit === "invalid") {
          if (!noMatchTrigger)
            findings.push({
              pointer: pointer(node),
              node: node.id,
              severity: "warning",
              message: `${label(node)}: a customer still not understood after the retries leaves the conversation; connect its 'invalid' exit (to a colleague, say)`
            });
        } else rest.push(exit);
      }
      if (!waits)
        for (const exit of rest)
          findings.push({ pointer: pointer(node), node: node.id, severity: "warning", message: `${label(node)}: its '${exit}' exit leads nowhere, so the conversation ends there` });
      else if (rest.length && !connected.some((exit) => !notHere.has(exit) && exit !== "invalid"))
        findings.push({
          pointer: pointer(node),
          node: node.id,
          severity: "warning",
          message: `${label(node)}: none of its exits (${rest.join(", ")}) is connected, so the conversation ends after it`
        });
      return findings;
    });
  }, "check")
};

// schemas/lint/words.ts
var languageNames = new Intl.DisplayNames(["en"], { type: "language" });
function languageName(code) {
  try {
    const name = languageNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
__name(languageName, "languageName");
function listWords(words) {
  return words.length <= 1 ? words[0] ?? "" : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
__name(listWords, "listWords");
function spokenDuration(seconds) {
  const parts = [];
  for (const [unit, size] of [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
    ["second", 1]
  ]) {
    const n = Math.floor(seconds / size);
    seconds -= n * size;
    if (n) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  return parts.join(" ") || "0 seconds";
}
__name(spokenDuration, "spokenDuration");
var characters = /* @__PURE__ */ __name((text) => /[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length, "characters");
function unique(findings) {
  if (findings.length < 2) return findings;
  const seen = /* @__PURE__ */ new Set();
  return findings.filter((f) => {
    const key = `${f.pointer}
${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
__name(unique, "unique");

// schemas/lint/rules/duplicate-option.ts
var duplicateOption = {
  code: "duplicate-option",
  severity: "error",
  description: "Two options with the same key or label cannot both be chosen: the customer always lands on the first.",
  check: /* @__PURE__ */ __name((index) => {
    const findings = [];
    for (const node of index.flow.nodes) {
      const found = [...duplicateIds(index, node), ...duplicateKeys(index, node), ...index.flow.languages.flatMap((language) => duplicateLabels(index, node, language))];
      if (found.length) findings.push(...unique(found));
    }
    return findings;
  }, "check")
};
function duplicateIds({ label, pointer }, node) {
  const findings = [];
  for (const field in node) {
    const value = node[field];
    if (!Array.isArray(value) || value.length < 2 || field === "exits") continue;
    const seen = /* @__PURE__ */ new Set();
    value.forEach((item, i) => {
      const id = item && typeof item === "object" ? item.id : void 0;
      if (typeof id !== "string") return;
      if (seen.has(id)) findings.push({ pointer: pointer(node, field, i, "id"), node: node.id, message: `${label(node)}: two entries of '${field}' have the id '${id}', so they share one exit; give each its own id` });
      seen.add(id);
    });
  }
  return findings;
}
__name(duplicateIds, "duplicateIds");
function offered(index, node, language) {
  const lists = [];
  for (const action of enter(index, node, void 0, language).actions ?? []) {
    const options2 = action.type === "ask" ? action.options : action.type === "send-template" ? action.buttons : void 0;
    if (options2 && options2.length > 1) lists.push(options2);
  }
  return lists;
}
__name(offered, "offered");
function optionName(index, node, option) {
  const item = findItem(node, option.id);
  return item ? itemName(item, index.flow) : `option '${option.label}'`;
}
__name(optionName, "optionName");
function duplicateKeys(index, node) {
  const findings = [];
  for (const options2 of offered(index, node, index.flow.defaultLanguage)) {
    const byKey = /* @__PURE__ */ new Map();
    for (const option of options2) {
      if (option.key === void 0) continue;
      const first = byKey.get(option.key);
      if (!first) {
        byKey.set(option.key, option);
        continue;
      }
      const item = findItem(node, option.id);
      findings.push({
        pointer: item ? index.pointer(node, item.field, item.index, ...item.item.key !== void 0 ? ["key"] : []) : index.pointer(node),
        node: node.id,
        message: `${index.label(node)}: ${optionName(index, node, first)} and ${optionName(index, node, option)} both use phone key ${option.key}; callers can only reach the first`
      });
    }
  }
  return findings;
}
__name(duplicateKeys, "duplicateKeys");
var normalizedLabels = perValidation(() => /* @__PURE__ */ new Map());
function normalizedLabel(index, text) {
  const labels = normalizedLabels(index);
  let normalized = labels.get(text);
  if (normalized === void 0) labels.set(text, normalized = normalizeText(text));
  return normalized;
}
__name(normalizedLabel, "normalizedLabel");
function duplicateLabels(index, node, language) {
  const { flow: flow2, label, pointer } = index;
  const findings = [];
  for (const options2 of offered(index, node, language)) {
    const byLabel = /* @__PURE__ */ new Map();
    for (const option of options2) {
      const key = normalizedLabel(index, option.label);
      const first = byLabel.get(key);
      if (!key || !first) {
        byLabel.set(key, option);
        continue;
      }
      const item = findItem(node, option.id);
      const path = item ? locateText(node, option.label, language, flow2, [item.field, item.index]) : void 0;
      const same = first.label === option.label ? `two options are labelled '${option.label}'` : `the options '${first.label}' and '${option.label}' read the same`;
      findings.push({
        pointer: path ? pointer(node, ...path) : item ? pointer(node, item.field, item.index) : pointer(node),
        node: node.id,
        message: `${label(node)}: ${same}${flow2.languages.length > 1 ? ` in ${languageName(language)}` : ""}; customers cannot tell them apart`
      });
    }
  }
  return findings;
}
__name(duplicateLabels, "duplicateLabels");

// schemas/lint/rules/trigger-to-unknown-node.ts
var triggerToUnknownNode = {
  code: "trigger-to-unknown-node",
  severity: "error",
  description: "A trigger that jumps to a node id that does not exist ends the conversation instead.",
  check: /* @__PURE__ */ __name(({ flow: flow2, byId }) => (flow2.triggers ?? []).flatMap(
    (trigger, i) => trigger.goto && !byId.has(trigger.goto) ? [{ pointer: `/triggers/${i}/goto`, message: `Trigger '${trigger.id}' goes to node '${trigger.goto}', which does not exist` }] : []
  ), "check")
};

// schemas/channel-limits.ts
var whatsappLimits = {
  /** Reply buttons per message, and characters per button title. */
  buttons: 3,
  buttonTitle: 20,
  /** Rows in a list message (all sections together), row title / description, list button label. */
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  /** Body of an interactive message (buttons or list) and of a plain text message. */
  interactiveBody: 1024,
  textBody: 4096,
  /** Hours after the customer's last message during which free-form messages may be sent. */
  serviceWindowHours: 24
};
var voiceLimits = {
  /** Keys a caller can press. */
  keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"],
  /** Options one prompt can offer by a single digit; more need a "more options" path. */
  options: 9
};

// schemas/lint/rules/whatsapp-limits.ts
var whatsappLimits2 = {
  code: "whatsapp-limits",
  severity: "error",
  description: "WhatsApp refuses buttons, list rows and messages over its length limits, and has no room for more than 10 options.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2 } = index;
    if (!flow2.channels.includes("whatsapp")) return [];
    const findings = [];
    for (const node of flow2.nodes) {
      let found;
      for (const language of flow2.languages) {
        const more = checkNode({ index, node, language });
        if (more.length) (found ??= []).push(...more);
      }
      if (found) findings.push(...unique(found));
    }
    return findings;
  }, "check")
};
function checkNode(at) {
  const findings = [];
  const actions = enter(at.index, at.node, "whatsapp", at.language).actions;
  if (!actions?.some((a) => a.type === "say" || a.type === "ask")) return findings;
  for (const action of actions) {
    if (action.type === "say") findings.push(...tooLong(at, action.text, whatsappLimits.textBody, "the message"));
    if (action.type === "ask") findings.push(...checkAsk(at, action));
  }
  return findings;
}
__name(checkNode, "checkNode");
function tooLong(at, text, max, what, within) {
  if (text.length <= max || characters(text) <= max) return [];
  const { index, node, language } = at;
  const { flow: flow2, label, pointer } = index;
  const inLanguage = flow2.languages.length > 1 ? ` in ${languageName(language)}` : "";
  const path = locateText(node, text, language, flow2, within ?? []);
  return [{ pointer: path ? pointer(node, ...path) : pointer(node, ...within ?? []), node: node.id, message: `${label(node)}: ${what} is ${characters(text)} characters${inLanguage}; WhatsApp allows ${max}` }];
}
__name(tooLong, "tooLong");
function optionTooLong(at, id, fallback, text, max, what) {
  if (text.length <= max) return [];
  const item = findItem(at.node, id);
  const name = item ? itemName(item, at.index.flow, at.language) : `option '${fallback}'`;
  return tooLong(at, text, max, what(name), item ? [item.field, item.index] : []);
}
__name(optionTooLong, "optionTooLong");
function checkAsk(at, ask4) {
  const { index, node } = at;
  const { label, pointer } = index;
  const options2 = ask4.options ?? [];
  if (options2.length === 0) return tooLong(at, ask4.text, whatsappLimits.textBody, "the question");
  if (options2.length <= whatsappLimits.buttons)
    return [
      ...tooLong(at, ask4.text, whatsappLimits.interactiveBody, "the question (shown with buttons)"),
      ...options2.flatMap((o) => optionTooLong(at, o.id, o.label, o.label, whatsappLimits.buttonTitle, (name) => `${name} (a button)`))
    ];
  if (options2.length <= whatsappLimits.listRows)
    return [
      {
        pointer: pointer(node),
        node: node.id,
        severity: "info",
        message: `${label(node)} has ${options2.length} options, so WhatsApp shows them as a list behind a button rather than as ${whatsappLimits.buttons} reply buttons`
      },
      ...tooLong(at, ask4.text, whatsappLimits.interactiveBody, "the question (shown with a list)"),
      ...ask4.listButton ? tooLong(at, ask4.listButton, whatsappLimits.listButton, "the list button") : [],
      ...options2.flatMap((o) => [
        ...optionTooLong(at, o.id, o.label, o.label, whatsappLimits.rowTitle, (name) => `${name} (a list row)`),
        ...o.description ? optionTooLong(at, o.id, o.label, o.description, whatsappLimits.rowDescription, (name) => `the description of ${name}`) : []
      ])
    ];
  const numbered = [ask4.text, ...options2.map((o, i) => `${i + 1}. ${o.label}`)].join("\n");
  const scale = options2.every((o) => /^\d{1,2}$/.test(o.id));
  return [
    {
      pointer: pointer(node),
      node: node.id,
      severity: scale ? "info" : "warning",
      message: scale ? `${label(node)} has ${options2.length} scores; WhatsApp lists at most ${whatsappLimits.listRows}, so customers get the scale as text and type their score` : `${label(node)} has ${options2.length} options; WhatsApp lists at most ${whatsappLimits.listRows}, so customers get a numbered text and must type their choice. Consider splitting it`
    },
    ...tooLong(at, numbered, whatsappLimits.textBody, "the question with its numbered options")
  ];
}
__name(checkAsk, "checkAsk");

// schemas/lint/rules/voice-limits.ts
var voiceLimits2 = {
  code: "voice-limits",
  severity: "error",
  description: "Callers can only press the keys a phone has, and cannot be offered more than 9 options in one prompt.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    if (!flow2.channels.includes("voice")) return [];
    return flow2.nodes.flatMap((node) => {
      const findings = [];
      for (const ask4 of enter(index, node, "voice").actions ?? []) {
        if (ask4.type !== "ask" || !ask4.options?.length) continue;
        const digits = ask4.maxDigits ?? 1;
        if (ask4.options.length > voiceLimits.options && digits <= 1)
          findings.push({
            pointer: pointer(node),
            node: node.id,
            message: `${label(node)} offers ${ask4.options.length} options on the phone, but callers can be offered only ${voiceLimits.options} by key; options beyond ${voiceLimits.options} need a 'more options' path (a second menu)`
          });
        for (const option of ask4.options) {
          if (option.key === void 0) continue;
          const valid = option.key.length <= digits && [...option.key].every((k) => voiceLimits.keys.includes(k));
          if (valid) continue;
          const item = findItem(node, option.id);
          findings.push({
            pointer: item ? pointer(node, item.field, item.index, ...item.item.key !== void 0 ? ["key"] : []) : pointer(node),
            node: node.id,
            message: `${label(node)}: ${item ? itemName(item, flow2) : `option '${option.label}'`} uses key '${option.key}', which callers cannot press (keys are 0-9, * and #)`
          });
        }
      }
      return findings;
    });
  }, "check")
};

// schemas/lint/rules/missing-translation.ts
var hasWords = /* @__PURE__ */ __name((text) => /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, "")), "hasWords");
var missingTranslation = {
  code: "missing-translation",
  severity: "warning",
  description: "A text missing a language the flow declares is shown to those customers in another language.",
  check: /* @__PURE__ */ __name(({ flow: flow2, label, pointer }) => flow2.nodes.flatMap(
    (node) => (
      // with one language, a plain string is never a finding: only localized texts need looking at
      nodeTexts(node, flow2.languages.length <= 1).flatMap((text) => {
        if (typeof text.value === "string")
          return flow2.languages.length > 1 && hasWords(text.value) ? [
            {
              pointer: pointer(node, ...text.path),
              node: node.id,
              severity: "info",
              message: `${label(node)}: ${textName(node, text, flow2)} is not translated; every language shows the same text`
            }
          ] : [];
        const missing = flow2.languages.filter((language) => typeof text.value[language] !== "string");
        if (!missing.length) return [];
        const shown = text.value[flow2.defaultLanguage] !== void 0 ? flow2.defaultLanguage : Object.keys(text.value)[0];
        return [
          {
            pointer: pointer(node, ...text.path),
            node: node.id,
            message: `${label(node)}: ${textName(node, text, flow2)} has no ${listWords(missing.map(languageName))} translation; those customers see the ${languageName(shown)} one`
          }
        ];
      })
    )
  ), "check")
};

// schemas/lint/rules/channel-cannot-play.ts
var channelCannotPlay = {
  code: "channel-cannot-play",
  severity: "error",
  description: "A step a channel cannot perform (recording a voicemail on WhatsApp) ends the conversation there unless its unsupported exit leads on.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    const findings = [];
    for (const node of flow2.nodes) {
      if (node.exits?.unsupported) continue;
      for (const channel of flow2.channels)
        if (enter(index, node, channel).exit === "unsupported")
          findings.push({
            pointer: pointer(node),
            node: node.id,
            message: `${label(node)} cannot work on ${channelName(channel)}; connect its 'unsupported' exit to another way of doing this`
          });
    }
    return findings;
  }, "check")
};

// schemas/lint/rules/proactive-without-template.ts
var proactiveWithoutTemplate = {
  code: "proactive-without-template",
  severity: "error",
  description: "WhatsApp refuses a business-started conversation that does not open with an approved template.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, byId, label, pointer } = index;
    if (!flow2.proactive || !flow2.channels.includes("whatsapp")) return [];
    const seen = /* @__PURE__ */ new Set();
    let node = byId.get(flow2.start);
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      const result = enter(index, node, "whatsapp");
      const first = (result.actions ?? []).find(customerFacing);
      if (first)
        return first.type === "send-template" ? [] : [
          {
            pointer: pointer(node),
            node: node.id,
            message: `This flow starts conversations on WhatsApp, so its first message must be an approved template; ${label(node)} sends an ordinary message, which WhatsApp refuses outside the 24 hours after the customer last wrote`
          }
        ];
      if (result.wait || result.end || result.call || !result.exit) break;
      node = byId.get(node.exits?.[result.exit] ?? "");
    }
    return byId.has(flow2.start) ? [{ pointer: "/start", message: "This flow starts conversations on WhatsApp, so it must open with an approved template, but it sends none" }] : [];
  }, "check")
};

// schemas/lint/variables.ts
import { distance as distance2 } from "fastest-levenshtein";

// schemas/lint/graph.ts
function stronglyConnected(nodes, next) {
  const number = /* @__PURE__ */ new Map();
  const seen = [];
  let low = new Int32Array(Math.max(16, nodes.length));
  let onStack = new Uint8Array(low.length);
  const stack = [];
  const components = [];
  const work = [];
  const open = /* @__PURE__ */ __name((node) => {
    const at = seen.push(node) - 1;
    number.set(node, at);
    if (at === low.length) {
      const grownLow = new Int32Array(low.length * 2);
      grownLow.set(low);
      const grownOnStack = new Uint8Array(low.length * 2);
      grownOnStack.set(onStack);
      low = grownLow;
      onStack = grownOnStack;
    }
    low[at] = at;
    stack.push(at);
    onStack[at] = 1;
    work.push({ at, targets: next(node), i: 0 });
  }, "open");
  for (const root of nodes) {
    if (number.has(root)) continue;
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++];
        const order = number.get(target);
        if (order === void 0) open(target);
        else if (onStack[order]) low[frame.at] = Math.min(low[frame.at], order);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.at] = Math.min(low[parent.at], low[frame.at]);
      if (low[frame.at] !== frame.at) continue;
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack[member] = 0;
        component.push(seen[member]);
      } while (member !== frame.at);
      components.push(component);
    }
  }
  return components;
}
__name(stronglyConnected, "stronglyConnected");
var isCycle = /* @__PURE__ */ __name((component, next) => component.length > 1 || next(component[0]).includes(component[0]), "isCycle");

// schemas/lint/variables.ts
var builtinRoots = /* @__PURE__ */ new Set(["contact", "channel", "language", "flow", "secrets"]);
var isBuiltin = /* @__PURE__ */ __name((name) => {
  const dot = name.indexOf(".");
  return builtinRoots.has(dot < 0 ? name : name.slice(0, dot));
}, "isBuiltin");
var Names = class {
  static {
    __name(this, "Names");
  }
  names = /* @__PURE__ */ new Set();
  prefixes = /* @__PURE__ */ new Set();
  add(name) {
    this.names.add(name);
    const parts = name.split(".");
    for (let i = 1; i < parts.length; i++) this.prefixes.add(parts.slice(0, i).join("."));
  }
  covers(name) {
    if (this.prefixes.has(name) || this.names.has(name)) return true;
    for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) if (this.names.has(name.slice(0, dot))) return true;
    return false;
  }
};
function logicRefs(value, path, out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => logicRefs(v, [...path, i], out));
  else if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "var") {
      const target = Array.isArray(entries[0][1]) ? entries[0][1][0] : entries[0][1];
      if (typeof target === "string" && target) out.push({ name: target, path: [...path, "var"], kind: "logic" });
    }
    for (const [key, v] of entries) if (!(path.length === 0 && ["id", "type", "exits", "position", "notes", "name"].includes(key))) logicRefs(v, [...path, key], out);
  }
  return out;
}
__name(logicRefs, "logicRefs");
function nodeRefs(owner, node) {
  const scan = scanNode(owner, node);
  if (!scan.templates.length && !scan.logic.length) return [];
  const refs = [];
  for (const { text, path } of scan.templates) {
    const seen = /* @__PURE__ */ new Set();
    for (const match of text.matchAll(placeholder)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      refs.push({ name: match[1], path, kind: "template" });
    }
  }
  for (const { name, path } of scan.logic) refs.push({ name, path, kind: "logic" });
  return refs;
}
__name(nodeRefs, "nodeRefs");
var factsByIndex = /* @__PURE__ */ new WeakMap();
function variableFacts(index) {
  const cached = factsByIndex.get(index);
  if (cached) return cached;
  const { flow: flow2, byId } = index;
  const declared = new Names();
  for (const name of Object.keys(flow2.variables ?? {})) declared.add(name);
  const setAnywhere = new Names();
  const bit = /* @__PURE__ */ new Map();
  const setters = [];
  const setsOf = /* @__PURE__ */ new Map();
  for (const node of byId.values()) {
    let names = [];
    try {
      names = nodeTypes[node.type]?.setsVariables?.(node) ?? [];
    } catch {
      names = [];
    }
    if (!names.length) continue;
    const bits = [];
    for (const name of names) {
      setAnywhere.add(name);
      let b = bit.get(name);
      if (b === void 0) bit.set(name, b = setters.push([]) - 1);
      setters[b].push(node);
      bits.push(b);
    }
    setsOf.set(node, bits);
  }
  const extensions = /* @__PURE__ */ new Map();
  for (const [name, b] of bit) {
    const parts = name.split(".");
    for (let i = 1; i < parts.length; i++) {
      const whole = parts.slice(0, i).join(".");
      extensions.set(whole, [...extensions.get(whole) ?? [], b]);
    }
  }
  const relatedBits = /* @__PURE__ */ new Map();
  const bitsFor = /* @__PURE__ */ __name((name) => {
    let bits = relatedBits.get(name);
    if (!bits) {
      bits = [...extensions.get(name) ?? []];
      const parts = name.split(".");
      for (let i = 1; i <= parts.length; i++) {
        const b = bit.get(parts.slice(0, i).join("."));
        if (b !== void 0) bits.push(b);
      }
      relatedBits.set(name, bits);
    }
    return bits;
  }, "bitsFor");
  let before;
  const has = /* @__PURE__ */ __name((set2, b) => !!set2 && (set2[b >>> 5] & 1 << (b & 31)) !== 0, "has");
  const facts = {
    declared,
    setAnywhere,
    settersOf: /* @__PURE__ */ __name((name) => [...new Set(bitsFor(name).flatMap((b) => setters[b]))], "settersOf"),
    refs: /* @__PURE__ */ __name((node) => {
      let refs = refsByNode.get(node);
      if (!refs) refsByNode.set(node, refs = nodeRefs(index, node));
      return refs;
    }, "refs"),
    setsItself: /* @__PURE__ */ __name((node, name) => {
      const own = setsOf.get(node);
      return !!own && bitsFor(name).some((b) => own.includes(b));
    }, "setsItself"),
    setBefore: /* @__PURE__ */ __name((node, name) => {
      before ??= setBeforeBits(index, setsOf, setters.length);
      const set2 = before.get(node);
      return bitsFor(name).some((b) => has(set2, b));
    }, "setBefore"),
    suggest: /* @__PURE__ */ __name((name) => {
      let best;
      let bestDistance = Math.min(3, Math.ceil(name.length / 3));
      for (const candidate of [...Object.keys(flow2.variables ?? {}), ...bit.keys()]) {
        const d = distance2(candidate, name);
        if (d > 0 && d < bestDistance) [best, bestDistance] = [candidate, d];
      }
      return best;
    }, "suggest")
  };
  const refsByNode = /* @__PURE__ */ new Map();
  factsByIndex.set(index, facts);
  return facts;
}
__name(variableFacts, "variableFacts");
function setBeforeBits(index, setsOf, count) {
  const { flow: flow2, byId, reachable } = index;
  const words = Math.max(1, Math.ceil(count / 32));
  const nodes = [...byId.values()];
  const next = /* @__PURE__ */ __name((node) => Object.values(node.exits ?? {}).map((id) => byId.get(id)).filter((n) => !!n), "next");
  const predecessors = /* @__PURE__ */ new Map();
  for (const node of nodes) for (const target of next(node)) predecessors.set(target, [...predecessors.get(target) ?? [], node]);
  const own = /* @__PURE__ */ __name((node, into) => {
    for (const b of setsOf.get(node) ?? []) into[b >>> 5] |= 1 << (b & 31);
  }, "own");
  const anyReachable = new Uint32Array(words);
  for (const node of nodes) if (reachable.has(node.id)) own(node, anyReachable);
  const triggerTargets = new Set((flow2.triggers ?? []).map((t) => t.goto).filter((g) => !!g));
  const before = /* @__PURE__ */ new Map();
  const components = stronglyConnected(nodes, next);
  for (let c = components.length - 1; c >= 0; c--) {
    const members = components[c];
    const inside = new Set(members);
    const set2 = new Uint32Array(words);
    for (const member of members) {
      if (triggerTargets.has(member.id)) for (let w = 0; w < words; w++) set2[w] |= anyReachable[w];
      for (const p of predecessors.get(member) ?? []) {
        if (inside.has(p) || !reachable.has(p.id)) continue;
        const from = before.get(p);
        for (let w = 0; w < words; w++) set2[w] |= from[w];
        own(p, set2);
      }
    }
    if (isCycle(members, next)) for (const member of members) own(member, set2);
    for (const member of members) before.set(member, set2);
  }
  return before;
}
__name(setBeforeBits, "setBeforeBits");

// schemas/lint/rules/variable-used-before-set.ts
var variableUsedBeforeSet = {
  code: "variable-used-before-set",
  severity: "warning",
  description: "A variable read before anything sets it shows up blank or makes a condition take the wrong way.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, reachable, label, pointer } = index;
    const facts = variableFacts(index);
    return flow2.nodes.flatMap((node) => {
      const findings = [];
      for (const ref of facts.refs(node)) {
        if (isBuiltin(ref.name) || facts.declared.covers(ref.name)) continue;
        const shown = ref.kind === "template" ? `{{${ref.name}}}` : `'${ref.name}'`;
        if (!facts.setAnywhere.covers(ref.name)) {
          if (ref.kind !== "template") continue;
          const guess = facts.suggest(ref.name);
          findings.push({
            pointer: pointer(node, ...ref.path),
            node: node.id,
            message: `${label(node)} uses ${shown}, which no step sets and the flow does not declare, so it comes out blank${guess ? ` (did you mean {{${guess}}}?)` : ""}`
          });
          continue;
        }
        if (!reachable.has(node.id) || facts.setsItself(node, ref.name) || facts.setBefore(node, ref.name)) continue;
        findings.push({
          pointer: pointer(node, ...ref.path),
          node: node.id,
          message: `${label(node)} uses ${shown} before it is set: no path from the start passes ${facts.settersOf(ref.name).map(label).join(" or ")} first`
        });
      }
      return findings;
    });
  }, "check")
};

// schemas/lint/rules/condition-unknown-variable.ts
var conditionUnknownVariable = {
  code: "condition-unknown-variable",
  severity: "error",
  description: "A condition on a variable that never has a value always decides the same way, whatever the customer did.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    const facts = variableFacts(index);
    const hint = /* @__PURE__ */ __name((name) => {
      const guess = facts.suggest(name);
      return guess ? ` (did you mean '${guess}'?)` : "";
    }, "hint");
    const findings = [];
    for (const node of flow2.nodes)
      for (const ref of facts.refs(node))
        if (ref.kind === "logic" && !isBuiltin(ref.name) && !facts.declared.covers(ref.name) && !facts.setAnywhere.covers(ref.name))
          findings.push({
            pointer: pointer(node, ...ref.path),
            node: node.id,
            message: `${label(node)}: the condition reads '${ref.name}', which no step sets and the flow does not declare${hint(ref.name)}`
          });
    (flow2.triggers ?? []).forEach((trigger, i) => {
      for (const ref of logicRefs(trigger.condition, ["triggers", i, "condition"]))
        if (!isBuiltin(ref.name) && !facts.declared.covers(ref.name))
          findings.push({
            pointer: jsonPointer(ref.path),
            message: facts.setAnywhere.covers(ref.name) ? `Trigger '${trigger.id}': the condition reads '${ref.name}', which only a step sets, but trigger conditions are checked as the conversation starts, before any step; declare it under Variables and pass it in when the conversation starts` : `Trigger '${trigger.id}': the condition reads '${ref.name}', which the flow does not declare; declare it under Variables and pass it in when the conversation starts${hint(ref.name)}`
          });
    });
    return findings;
  }, "check")
};

// schemas/lint/rules/loop-without-input.ts
var loopWithoutInput = {
  code: "loop-without-input",
  severity: "error",
  description: "A loop with no step that waits runs forever and the conversation breaks.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, byId, label, pointer } = index;
    const isMoving = /* @__PURE__ */ new Map();
    const moving = /* @__PURE__ */ __name((node) => {
      if (!node) return false;
      let result = isMoving.get(node);
      if (result === void 0) isMoving.set(node, result = !!nodeTypes[node.type] && byId.get(node.id) === node && !pauses(index, node));
      return result;
    }, "moving");
    const nodes = flow2.nodes.filter(moving);
    const targets = /* @__PURE__ */ new Map();
    const next = /* @__PURE__ */ __name((node) => {
      let found = targets.get(node);
      if (!found) {
        found = [];
        for (const exit in node.exits) {
          const target = byId.get(node.exits[exit]);
          if (moving(target)) found.push(target);
        }
        targets.set(node, found);
      }
      return found;
    }, "next");
    const loops = stronglyConnected(nodes, next).filter((component) => isCycle(component, next));
    const position = /* @__PURE__ */ __name((node) => index.indexOf.get(node.id) ?? 0, "position");
    return loops.map((component) => {
      const members = component.sort((a, b) => position(a) - position(b));
      const first = members[0];
      const names = members.length > 5 ? [...members.slice(0, 4).map(label), `${members.length - 4} more`] : members.map(label);
      return {
        pointer: pointer(first),
        node: first.id,
        message: members.length === 1 ? `${label(first)} leads back to itself without waiting for the customer, so the conversation would loop forever` : `${listWords(names)} lead to each other in a circle without waiting for the customer, so the conversation would loop forever; add a question to the loop or break it`
      };
    });
  }, "check")
};

// schemas/lint/rules/http-without-error-exit.ts
var httpWithoutErrorExit = {
  code: "http-without-error-exit",
  severity: "error",
  description: "A step that can fail (a web service call, a subflow) with no error exit drops the customer silently when it does.",
  check: /* @__PURE__ */ __name(({ flow: flow2, exitNames, label, pointer }) => flow2.nodes.filter((node) => exitNames(node).includes("error") && !node.exits?.error).map((node) => ({
    pointer: pointer(node),
    node: node.id,
    message: `${label(node)}: when it fails, the conversation ends without a word; connect its 'error' exit (an apology, another try, a colleague)`
  })), "check")
};

// schemas/lint/rules/invalid-timezone.ts
import { distance as distance3 } from "fastest-levenshtein";
var known = /* @__PURE__ */ new Map();
function isTimeZone(name) {
  let ok = known.get(name);
  if (ok === void 0) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
    known.set(name, ok);
  }
  return ok;
}
__name(isTimeZone, "isTimeZone");
function closestTimeZone(name) {
  let best;
  let bestDistance = 4;
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    const d = distance3(zone.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [zone, d];
  }
  return best;
}
__name(closestTimeZone, "closestTimeZone");
var invalidTimezone = {
  code: "invalid-timezone",
  severity: "error",
  description: "Opening hours in an unknown time zone cannot be computed, so the customer gets the wrong answer about being open.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    return flow2.nodes.flatMap(
      (node) => fieldsNamed(index, node, "timezone").filter((field) => typeof field.value === "string" && !isTimeZone(field.value)).map((field) => {
        const guess = closestTimeZone(field.value);
        return {
          pointer: pointer(node, ...field.path),
          node: node.id,
          message: `${label(node)}: '${field.value}' is not a time zone${guess ? `; did you mean '${guess}'?` : "; use a name such as Europe/Rome"}`
        };
      })
    );
  }, "check")
};

// schemas/lint/rules/invalid-hours.ts
var dayNames = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
var time = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
var date = /^(\d{4}|-)-(\d{2})-(\d{2})$/;
function isRealDate(text) {
  const match = date.exec(text);
  if (!match) return false;
  const [, year, month, day] = match;
  const y = year === "-" ? 2e3 : Number(year);
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
__name(isRealDate, "isRealDate");
function walk(value, path, visit) {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}
__name(walk, "walk");
var invalidHours = {
  code: "invalid-hours",
  severity: "error",
  description: "Opening hours that end before they start, or holidays on days that do not exist, make the bot say open or closed at the wrong time.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    return flow2.nodes.flatMap((node) => {
      const weeklies = fieldsNamed(index, node, "weekly");
      const holidayLists = fieldsNamed(index, node, "holidays");
      if (!weeklies.length && !holidayLists.length) return [];
      const findings = [];
      for (const weekly of weeklies)
        walk(weekly.value, weekly.path, (value, path) => {
          const period = value;
          if (!period || typeof period !== "object" || typeof period.from !== "string" || typeof period.to !== "string") return;
          const key = path.find((p, i) => i >= weekly.path.length && typeof p === "string");
          const day = key === void 0 ? "a day" : dayNames[key] ?? key;
          for (const key2 of ["from", "to"])
            if (!time.test(period[key2]))
              findings.push({ pointer: pointer(node, ...path, key2), node: node.id, message: `${label(node)}: '${period[key2]}' on ${day} is not a time of day; write it as 09:00` });
          if (time.test(period.from) && time.test(period.to) && period.from >= period.to)
            findings.push({
              pointer: pointer(node, ...path),
              node: node.id,
              message: `${label(node)}: on ${day} the period ${period.from}-${period.to} ends before it starts; for hours past midnight, split it (${period.from}-24:00, then 00:00-${period.to} on the next day)`
            });
        });
      for (const holidays of holidayLists)
        walk(holidays.value, holidays.path, (value, path) => {
          const isDateField = path[path.length - 1] === "date" || typeof path[path.length - 1] === "number" && typeof value === "string";
          if (typeof value !== "string" || !isDateField || isRealDate(value)) return;
          findings.push({
            pointer: pointer(node, ...path),
            node: node.id,
            message: `${label(node)}: the holiday '${value}' is not a real day; write 2026-04-06 for one day or --12-25 for every year`
          });
        });
      return findings;
    });
  }, "check")
};

// schemas/lint/rules/sla-order.ts
var slaOrder = {
  code: "sla-order",
  severity: "warning",
  description: "An SLA alert that comes no earlier than the escalation gives the supervisor no time to step in.",
  check: /* @__PURE__ */ __name((index) => {
    const { flow: flow2, label, pointer } = index;
    return flow2.nodes.flatMap(
      (node) => fieldsNamed(index, node, "sla").flatMap(({ path, value }) => {
        const sla = value;
        if (!sla || typeof sla.alertAfter !== "string" || typeof sla.escalateAfter !== "string") return [];
        const alert = durationSeconds(sla.alertAfter);
        const escalate = durationSeconds(sla.escalateAfter);
        if (alert === void 0 || escalate === void 0 || alert < escalate) return [];
        return [
          {
            pointer: pointer(node, ...path, "alertAfter"),
            node: node.id,
            message: `${label(node)}: the alert (after ${spokenDuration(alert)}) comes no earlier than the escalation (after ${spokenDuration(escalate)}); alert the supervisor before escalating`
          }
        ];
      })
    );
  }, "check")
};

// schemas/lint/index.ts
var lintRules = [
  exitToUnknownNode,
  exitNotAnExit,
  missingStart,
  duplicateNodeId,
  unreachableNode,
  deadEnd,
  duplicateOption,
  triggerToUnknownNode,
  whatsappLimits2,
  voiceLimits2,
  missingTranslation,
  channelCannotPlay,
  proactiveWithoutTemplate,
  variableUsedBeforeSet,
  conditionUnknownVariable,
  loopWithoutInput,
  httpWithoutErrorExit,
  invalidTimezone,
  invalidHours,
  slaOrder
];

// schemas/flow.schema.json
var flow_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "flow.schema.json",
  title: "Switchboard flow",
  description: "One conversation flow: its metadata, the channels and languages it serves, global triggers and its nodes. Transitions live on each node's exits.",
  type: "object",
  properties: {
    $schema: {
      type: "string",
      description: "Path or URL of this schema, so any JSON editor validates the file."
    },
    id: {
      $ref: "common.schema.json#/$defs/id",
      title: "Flow id",
      description: "Stable id used by deploys, subflows and routing."
    },
    name: {
      type: "string",
      title: "Name",
      minLength: 1,
      maxLength: 120
    },
    description: {
      type: "string",
      title: "Description"
    },
    version: {
      type: "integer",
      minimum: 1,
      title: "Version",
      description: "Increases with every published change; the runtime keeps every version."
    },
    channels: {
      title: "Channels",
      description: "Channels this flow is written for; lint checks each channel's limits.",
      type: "array",
      items: {
        enum: [
          "whatsapp",
          "voice",
          "webchat"
        ]
      },
      minItems: 1,
      uniqueItems: true
    },
    languages: {
      title: "Languages",
      type: "array",
      items: {
        $ref: "common.schema.json#/$defs/language"
      },
      minItems: 1,
      uniqueItems: true
    },
    defaultLanguage: {
      $ref: "common.schema.json#/$defs/language",
      title: "Default language",
      description: "Used when a text has no translation for the customer's language."
    },
    proactive: {
      type: "boolean",
      title: "Proactive",
      description: "The business starts this flow (order shipped, abandoned cart). On WhatsApp it must open with a template node."
    },
    subflow: {
      type: "boolean",
      title: "Used as a subflow",
      description: "Other flows call this one through a Subflow step. Where it stops, the calling flow goes on, so an exit left open is a return, not a dead end."
    },
    variables: {
      title: "Variables",
      description: "Variables the flow keeps, with their types and defaults. Contact fields ({{contact.name}}) need no declaration.",
      type: "object",
      propertyNames: {
        $ref: "common.schema.json#/$defs/variableName"
      },
      additionalProperties: {
        type: "object",
        properties: {
          type: {
            enum: [
              "string",
              "number",
              "boolean",
              "object",
              "array"
            ]
          },
          default: {},
          description: {
            type: "string"
          }
        },
        required: [
          "type"
        ],
        additionalProperties: false
      }
    },
    start: {
      $ref: "common.schema.json#/$defs/id",
      title: "Start node"
    },
    triggers: {
      title: "Global triggers",
      description: "Rules checked on every customer message wherever the conversation stands: keywords (STOP, agent, menu), repeated no-match, angry messages, VIP conditions.",
      type: "array",
      items: {
        $ref: "trigger.schema.json"
      }
    },
    bindings: {
      title: "Bindings",
      description: "Which channel addresses this flow answers: WhatsApp phone-number ids, voice numbers, web chat site keys.",
      type: "object",
      properties: {
        whatsapp: {
          type: "array",
          items: {
            type: "string",
            minLength: 1
          }
        },
        voice: {
          type: "array",
          items: {
            type: "string",
            minLength: 1
          }
        },
        webchat: {
          type: "array",
          items: {
            type: "string",
            minLength: 1
          }
        }
      },
      additionalProperties: false
    },
    frames: {
      title: "Frames",
      description: "Labelled boxes that group parts of a large flow on the canvas. Layout only.",
      type: "array",
      items: {
        type: "object",
        properties: {
          id: {
            $ref: "common.schema.json#/$defs/id"
          },
          label: {
            type: "string"
          },
          position: {
            $ref: "common.schema.json#/$defs/position"
          },
          width: {
            type: "number",
            minimum: 1
          },
          height: {
            type: "number",
            minimum: 1
          },
          color: {
            type: "string"
          }
        },
        required: [
          "id",
          "label",
          "position",
          "width",
          "height"
        ],
        additionalProperties: false
      }
    },
    nodes: {
      title: "Nodes",
      type: "array",
      items: {
        $ref: "node.schema.json"
      }
    }
  },
  required: [
    "id",
    "name",
    "version",
    "channels",
    "languages",
    "defaultLanguage",
    "start",
    "nodes"
  ],
  additionalProperties: false
};

// schemas/node.schema.json
var node_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "node.schema.json",
  title: "Node",
  description: "One node of a flow; its type decides its fields. Generated from schemas/nodes/index.ts by `npm run gen`.",
  type: "object",
  required: [
    "type"
  ],
  discriminator: {
    propertyName: "type"
  },
  oneOf: [
    {
      $ref: "nodes/message/schema.json"
    },
    {
      $ref: "nodes/menu/schema.json"
    },
    {
      $ref: "nodes/input/schema.json"
    },
    {
      $ref: "nodes/condition/schema.json"
    },
    {
      $ref: "nodes/set/schema.json"
    },
    {
      $ref: "nodes/http/schema.json"
    },
    {
      $ref: "nodes/hours/schema.json"
    },
    {
      $ref: "nodes/wait/schema.json"
    },
    {
      $ref: "nodes/handoff/schema.json"
    },
    {
      $ref: "nodes/survey/schema.json"
    },
    {
      $ref: "nodes/subflow/schema.json"
    },
    {
      $ref: "nodes/record/schema.json"
    },
    {
      $ref: "nodes/end/schema.json"
    },
    {
      $ref: "nodes/template/schema.json"
    }
  ]
};

// schemas/trigger.schema.json
var trigger_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "trigger.schema.json",
  title: "Trigger",
  description: "A global rule checked on every customer message. It either jumps to a node (goto) or opts the customer out for good (opt-out).",
  type: "object",
  properties: {
    id: { $ref: "common.schema.json#/$defs/id" },
    when: {
      title: "When",
      description: "keyword: the message is one of the words; no-match: the customer was not understood N times in a row; negative: angry words or a message in ALL CAPS; condition: a JSON Logic rule over variables holds (e.g. a VIP customer), checked when the conversation starts.",
      enum: ["keyword", "no-match", "negative", "condition"]
    },
    keywords: { $ref: "common.schema.json#/$defs/words", title: "Keywords" },
    count: { type: "integer", minimum: 1, title: "Times in a row", description: "For no-match." },
    allCaps: { type: "boolean", title: "ALL CAPS counts as negative" },
    condition: { $ref: "common.schema.json#/$defs/logic" },
    do: { enum: ["goto", "opt-out"], title: "Then", default: "goto" },
    goto: { $ref: "common.schema.json#/$defs/id", title: "Go to node" },
    once: { type: "boolean", title: "Fire at most once per conversation" }
  },
  required: ["id", "when"],
  additionalProperties: false,
  allOf: [
    { if: { properties: { when: { const: "keyword" } } }, then: { required: ["keywords"] } },
    { if: { properties: { when: { const: "no-match" } } }, then: { required: ["count"] } },
    { if: { properties: { when: { const: "condition" } } }, then: { required: ["condition"] } },
    { if: { properties: { do: { const: "opt-out" } }, required: ["do"] }, then: { not: { required: ["goto"] } }, else: { required: ["goto"] } }
  ],
  examples: [
    { id: "stop", when: "keyword", keywords: { en: ["stop", "unsubscribe"], it: ["stop", "basta"] }, do: "opt-out" },
    { id: "agent", when: "keyword", keywords: { en: ["agent", "human", "talk to someone"] }, goto: "handoff" },
    { id: "lost", when: "no-match", count: 3, goto: "handoff" }
  ]
};

// schemas/validate.ts
function buildValidator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, discriminator: true, allowUnionTypes: true });
  addFormats.default(ajv);
  for (const keyword of ["x-form", "x-icon", "x-help"]) ajv.addKeyword({ keyword, schemaType: ["string", "object", "boolean"] });
  ajv.addSchema(common_schema_default).addSchema(trigger_schema_default);
  for (const type of Object.values(nodeTypes)) ajv.addSchema(type.schema);
  ajv.addSchema(node_schema_default);
  return ajv.compile(flow_schema_default);
}
__name(buildValidator, "buildValidator");
var compiled;
var schemaValidator = /* @__PURE__ */ __name(() => compiled ??= buildValidator(), "schemaValidator");
var nodeAt = /* @__PURE__ */ __name((flow2, pointer) => {
  const match = /^\/nodes\/(\d+)/.exec(pointer);
  const nodes = flow2?.nodes;
  return match && Array.isArray(nodes) ? nodes[Number(match[1])] : void 0;
}, "nodeAt");
function schemaMessage(error) {
  const field = error.instancePath.split("/").pop() || "the flow";
  switch (error.keyword) {
    case "required":
      return `'${error.params.missingProperty}' is required here`;
    case "additionalProperties":
      return `'${error.params.additionalProperty}' is not a field of ${field}`;
    case "discriminator":
      return error.params.error === "mapping" ? `Unknown node type '${error.params.tagValue}'; known types: ${Object.keys(nodeTypes).join(", ")}` : `Every node needs a 'type' (a string such as "menu")`;
    case "enum":
      return `'${field}' must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "false schema":
      return `'${field}' is not allowed here`;
    case "anyOf":
    case "oneOf":
      return `'${field}' does not have any of the accepted forms`;
    case "const":
      return `'${field}' must be ${JSON.stringify(error.params.allowedValue)}`;
    case "pattern":
      return `'${field}' has the wrong form (${error.parentSchema?.description ?? `expected ${error.params.pattern}`})`;
    default:
      return `'${field}' ${error.message}`;
  }
}
__name(schemaMessage, "schemaMessage");
function schemaProblems(flow2) {
  const validate = schemaValidator();
  if (validate(flow2)) return [];
  const seen = /* @__PURE__ */ new Set();
  const problems = [];
  const errors = validate.errors ?? [];
  const precise = errors.filter((e) => !["if", "anyOf", "oneOf"].includes(e.keyword));
  for (const error of precise.length ? precise : errors.filter((e) => e.keyword !== "if")) {
    const pointer = error.keyword === "additionalProperties" ? `${error.instancePath}/${error.params.additionalProperty}` : error.instancePath;
    const message2 = schemaMessage(error);
    if (seen.has(pointer + message2)) continue;
    seen.add(pointer + message2);
    const node = nodeAt(flow2, error.instancePath);
    problems.push({ code: "SCHEMA", severity: "error", pointer, message: message2, source: "schema", ...typeof node?.id === "string" && { node: node.id } });
  }
  return problems;
}
__name(schemaProblems, "schemaProblems");
var escapePointer = /* @__PURE__ */ __name((part) => String(part).replace(/~/g, "~0").replace(/\//g, "~1"), "escapePointer");
function indexFlow(flow2) {
  const byId = /* @__PURE__ */ new Map();
  const indexOf = /* @__PURE__ */ new Map();
  flow2.nodes.forEach((node, i) => {
    if (!byId.has(node.id)) byId.set(node.id, node);
    if (!indexOf.has(node.id)) indexOf.set(node.id, i);
  });
  const exitNamesOf = /* @__PURE__ */ new Map();
  const exitNames = /* @__PURE__ */ __name((node) => {
    let names = exitNamesOf.get(node);
    if (!names) exitNamesOf.set(node, names = nodeTypes[node.type]?.exitNames(node) ?? []);
    return names;
  }, "exitNames");
  const reachable = /* @__PURE__ */ new Set();
  const queue = [flow2.start, ...(flow2.triggers ?? []).map((t) => t.goto).filter((g) => !!g)];
  while (queue.length) {
    const id = queue.pop();
    const node = byId.get(id);
    if (!node || reachable.has(id)) continue;
    reachable.add(id);
    for (const target of Object.values(node.exits ?? {})) if (target) queue.push(target);
  }
  const typeTitle = /* @__PURE__ */ __name((node) => String(nodeTypes[node.type]?.schema.title ?? node.type), "typeTitle");
  return {
    flow: flow2,
    byId,
    indexOf,
    exitNames,
    reachable,
    label: /* @__PURE__ */ __name((node) => `${typeTitle(node)} '${node.name ?? node.id}'`, "label"),
    pointer: /* @__PURE__ */ __name((node, ...path) => ["", "nodes", indexOf.get(node.id) ?? 0, ...path].map(escapePointer).join("/"), "pointer")
  };
}
__name(indexFlow, "indexFlow");
function lintProblems(flow2) {
  const index = indexFlow(flow2);
  return lintRules.flatMap(
    (rule) => rule.check(index).map((finding) => ({ code: rule.code, source: "lint", ...finding, severity: finding.severity ?? rule.severity }))
  );
}
__name(lintProblems, "lintProblems");
function validateFlow(flow2) {
  try {
    const schema = schemaProblems(flow2);
    return schema.length ? schema : lintProblems(flow2);
  } catch (error) {
    return [{ code: "INTERNAL", severity: "error", pointer: "", source: "schema", message: `The validator failed: ${error.message}` }];
  }
}
__name(validateFlow, "validateFlow");

// bench/tmp-prof.ts
var flow = JSON.parse(JSON.stringify(generateFlow({ nodes: 1e3, seed: 1 })));
for (let i = 0; i < 1500; i++) validateFlow(flow);
