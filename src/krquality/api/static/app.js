// krquality playground: plain JS, no build step.
// Sends the textarea to /v1/classify/batch (one key result per line) or
// /v1/okrs/markdown (an OKR in Markdown), debounced, and renders the labels,
// probabilities, findings at their spans, scores and suggestions. All user
// text goes into the page as text nodes, never as HTML.
"use strict";

(() => {
  const DEBOUNCE_MS = 300;
  const LABELS = ["metric", "milestone", "task"];
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
  const EXAMPLES = {
    lines: [
      "Increase trial-to-paid conversion from 4% to 7% by Q3",
      "Improve the onboarding experience",
      "Launch the partner portal",
      "Increase NPS to 48",
      "Hold weekly pipeline reviews",
    ].join("\n"),
    markdown: [
      "# Delight new customers",
      "- Increase trial-to-paid conversion from 4% to 7% by Q3",
      "- Launch the in-app onboarding checklist by June 30",
      "",
      "# Build a healthier pipeline",
      "- Hold weekly pipeline reviews",
      "- Improve lead quality",
    ].join("\n"),
  };

  const $ = (id) => document.getElementById(id);
  const input = $("input");
  const modeSelect = $("mode");
  const suggestionsBox = $("suggestions");
  const statusEl = $("status");
  const resultsEl = $("results");
  const setFindingsEl = $("set-findings");
  const errorEl = $("error");
  const modeUsedEl = $("mode-used");
  const apiKeyRow = $("apikey-row");
  const apiKeyInput = $("apikey");
  // The header the service reads the key from (KRQ_API_KEY_HEADER), written into the page.
  const apiKeyMeta = document.querySelector('meta[name="krq-api-key-header"]');
  const apiKeyHeader = (apiKeyMeta && apiKeyMeta.content) || "X-API-Key";
  const cardTemplate = $("kr-card");

  let timer = null;
  let controller = null;
  let generation = 0;

  apiKeyInput.value = localStorage.getItem("krq-api-key") || "";
  if (apiKeyInput.value) apiKeyRow.hidden = false;

  function setStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "status " + (kind || "");
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ------------------------------------------------------------------ input

  function isMarkdown(text) {
    return /^\s{0,3}#{1,6}\s+\S/m.test(text) ||
      /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:Objective\b|O\d+\b|KR\s*\d*\s*:|Key results?\s*\d*\s*:)/im.test(text);
  }

  function chosenMode(text) {
    const mode = modeSelect.value;
    if (mode !== "auto") return mode;
    return isMarkdown(text) ? "markdown" : "lines";
  }

  // Non-empty lines with the offset where each starts in the textarea.
  function splitLines(text) {
    const lines = [];
    let offset = 0;
    for (const raw of text.split("\n")) {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line.trim()) lines.push({ offset, text: line });
      offset += raw.length + 1;
    }
    return lines;
  }

  // ------------------------------------------------------------------ HTTP

  async function post(path, body, signal) {
    const headers = { "Content-Type": "application/json" };
    if (apiKeyInput.value) headers[apiKeyHeader] = apiKeyInput.value;
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body), signal });
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401) apiKeyRow.hidden = false;
      const detail = payload && payload.detail ? payload.detail : response.statusText;
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  function schedule() {
    clearTimeout(timer);
    // What is in flight answers for text that no longer exists: drop it.
    generation++;
    if (controller) controller.abort();
    timer = setTimeout(analyze, DEBOUNCE_MS);
    for (const card of resultsEl.querySelectorAll(".kr")) card.classList.add("stale");
  }

  async function analyze() {
    const text = input.value;
    const mine = ++generation;
    if (controller) controller.abort();
    controller = new AbortController();
    errorEl.hidden = true;
    if (!text.trim()) {
      resultsEl.replaceChildren();
      setFindingsEl.replaceChildren();
      modeUsedEl.textContent = "";
      return;
    }
    const mode = chosenMode(text);
    const suggestions = suggestionsBox.checked;
    modeUsedEl.textContent = mode === "markdown" ? "read as Markdown OKRs" : "one key result per line";
    setStatus("analysing…", "busy");
    try {
      let view;
      if (mode === "markdown") {
        const data = await post("/v1/okrs/markdown", { markdown: text, suggestions }, controller.signal);
        view = fromOkrs(data);
      } else {
        const lines = splitLines(text);
        const data = await post("/v1/classify/batch", { texts: lines.map((l) => l.text), suggestions },
          controller.signal);
        view = fromBatch(data, lines);
      }
      if (mine !== generation) return;
      render(view, text);
      setStatus(`analysed ${view.count} key result${view.count === 1 ? "" : "s"}`, "ready");
    } catch (error) {
      if (error.name === "AbortError" || mine !== generation) return;
      errorEl.textContent = error.message;
      errorEl.hidden = false;
      setStatus("error", "down");
    }
  }

  // A view is a list of blocks: {objective, findings, items:[{offset, result|error}]}.
  function fromBatch(data, lines) {
    const items = data.results.map((item) => ({
      offset: lines[item.index].offset,
      source: lines[item.index].text,
      result: item.result,
      error: item.error,
    }));
    return { blocks: [{ objective: null, findings: [], items }], setFindings: [], count: items.length };
  }

  function fromOkrs(data) {
    let count = 0;
    const blocks = data.objectives.map((objective) => {
      const items = objective.results.map((result, i) => ({
        offset: objective.key_result_offsets[i],
        source: result.text,
        result,
        error: null,
      }));
      count += items.length;
      return { objective: objective.title, findings: objective.findings, items };
    });
    return { blocks, setFindings: data.findings.concat(data.file_findings || []), count };
  }

  // ------------------------------------------------------------------ rendering

  function render(view, text) {
    setFindingsEl.replaceChildren(...view.setFindings.map((f) => findingLine(f, "set-finding")));
    const nodes = [];
    for (const block of view.blocks) {
      if (block.objective !== null) {
        nodes.push(el("h2", "objective", block.objective));
        for (const finding of block.findings) nodes.push(findingLine(finding, "set-finding"));
      }
      for (const item of block.items) nodes.push(card(item, text));
    }
    resultsEl.replaceChildren(...nodes);
  }

  function findingLine(finding, className) {
    const node = el("div", className);
    node.append(el("span", "sev " + finding.severity, finding.severity), el("span", "code", finding.code),
      document.createTextNode(finding.message));
    return node;
  }

  function card(item, text) {
    const node = cardTemplate.content.firstElementChild.cloneNode(true);
    const q = (name) => node.querySelector(`[data-testid="${name}"]`);
    if (item.error) {
      q("label").remove();
      q("kr-text").textContent = item.source;
      q("findings").append(el("li", "error-item", item.error.detail));
      return node;
    }
    const result = item.result;
    node.dataset.label = result.label;
    const label = q("label");
    label.textContent = result.label;
    label.classList.add(result.label);
    const p = result.probabilities[result.label] || 0;
    q("confidence").textContent = `${Math.round(p * 100)}%` + (result.confident ? "" : " · uncertain");
    const score = q("score");
    score.textContent = `${result.score} ${result.grade}` + (result.band ? ` · ${result.band}` : "");
    if (result.band) score.title = `Band: ${result.band} (see the score scale in docs/checks.md)`;
    score.classList.add("grade-" + result.grade);
    q("kr-text").append(...highlight(result.text, result.findings));
    q("probabilities").append(...probabilities(result.probabilities));
    const list = q("findings");
    if (result.findings.length === 0) list.append(el("li", "none", "No findings: well written."));
    for (const finding of result.findings) {
      const li = el("li");
      li.dataset.code = finding.code;
      li.append(el("span", "sev " + finding.severity, finding.severity), el("span", "code", finding.code),
        document.createTextNode(finding.message));
      if (finding.fix) {
        const fix = el("button", "fix", finding.fix.replacement.trim() ? `fix: “${finding.fix.replacement.trim()}”` : "fix");
        fix.type = "button";
        fix.dataset.testid = "fix";
        fix.addEventListener("click", () => replaceIn(item, finding.fix.start, finding.fix.end, finding.fix.replacement));
        li.append(fix);
      }
      list.append(li);
    }
    correctControl(q("correct"), result);
    const box = q("suggestions");
    if (!result.suggestions.length && result.no_suggestion) {
      const none = el("div", "no-suggestion", result.no_suggestion);
      none.dataset.testid = "no-suggestion";
      box.replaceChildren(none);
    } else if (!result.suggestions.length) box.remove();
    for (const suggestion of result.suggestions) box.append(suggestionRow(suggestion, item, text));
    return node;
  }

  // "wrong label?": the other labels (and "not a key result") as buttons; a
  // click records a correction (/v1/feedback) and analyses the text again,
  // which the service now answers with the corrected label.
  function correctControl(box, result) {
    const toggle = box.querySelector('[data-testid="wrong-label"]');
    const choices = box.querySelector('[data-testid="correct-choices"]');
    toggle.addEventListener("click", () => { choices.hidden = !choices.hidden; });
    const modelLabel = LABELS.reduce((a, b) => ((result.probabilities[b] || 0) > (result.probabilities[a] || 0) ? b : a));
    for (const label of [...LABELS, "not_kr"]) {
      if (label === result.label) continue;
      const button = el("button", "link", label === "not_kr" ? "not a key result" : label);
      button.type = "button";
      button.dataset.testid = "correct-" + label;
      button.addEventListener("click", async () => {
        try {
          await post("/v1/feedback", {
            text: result.text, label, model_label: modelLabel, model_probabilities: result.probabilities,
            model_version: result.model_version, user: playgroundUser(), source: "playground",
          });
          choices.replaceChildren(el("span", "done", "recorded, thank you"));
          setStatus("correction recorded", "ready");
          analyze();
        } catch (error) {
          errorEl.textContent = "the correction was not recorded: " + error.message;
          errorEl.hidden = false;
        }
      });
      choices.append(button);
    }
  }

  // An opaque id for this browser, so one person's repeated corrections count once.
  function playgroundUser() {
    let id = localStorage.getItem("krq-user");
    if (!id) {
      id = "web-" + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
      localStorage.setItem("krq-user", id);
    }
    return id;
  }

  // The key result as text nodes, with each finding's span wrapped in <mark>.
  function highlight(textValue, findings) {
    const cuts = new Set([0, textValue.length]);
    for (const f of findings) {
      if (f.end > f.start) {
        cuts.add(Math.max(0, Math.min(f.start, textValue.length)));
        cuts.add(Math.max(0, Math.min(f.end, textValue.length)));
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const parts = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [start, end] = [points[i], points[i + 1]];
      const piece = textValue.slice(start, end);
      const covering = findings.filter((f) => f.start <= start && f.end >= end && f.end > f.start);
      if (!covering.length) {
        parts.push(document.createTextNode(piece));
        continue;
      }
      const worst = covering.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
      const mark = el("mark", worst.severity, piece);
      mark.title = covering.map((f) => `${f.code} ${f.message}`).join("\n");
      mark.dataset.codes = covering.map((f) => f.code).join(" ");
      parts.push(mark);
    }
    return parts;
  }

  function probabilities(probs) {
    const nodes = [];
    for (const label of LABELS) {
      const value = probs[label] || 0;
      const bar = el("div", "bar " + label);
      const fill = el("span");
      fill.style.width = `${(value * 100).toFixed(1)}%`;
      bar.append(fill);
      nodes.push(el("span", null, label), bar, el("span", null, `${(value * 100).toFixed(0)}%`));
    }
    return nodes;
  }

  function suggestionRow(suggestion, item, text) {
    const row = el("div", "suggestion");
    row.dataset.testid = "suggestion";
    row.append(el("span", "text", suggestion.text));
    row.append(el("span", "meta", `${suggestion.label} · ${suggestion.score}`));
    const copy = el("button", "copy", "Copy");
    copy.type = "button";
    copy.addEventListener("click", () => copyText(suggestion.text, copy));
    const apply = el("button", "apply", "Apply");
    apply.type = "button";
    apply.addEventListener("click", () => editBeforeApplying(row, item, suggestion.text));
    row.append(copy, apply);
    return row;
  }

  // Apply first shows the draft in an editable field, so the author fills in
  // the placeholders and checks the wording before it replaces their text.
  function editBeforeApplying(row, item, draft) {
    if (row.querySelector("[data-testid=apply-edit]")) return;
    const form = el("form", "apply-edit");
    form.dataset.testid = "apply-edit";
    // A split holds one key result per line: a text field would join the lines.
    const lines = draft.split("\n").length;
    const field = el(lines > 1 ? "textarea" : "input", "apply-text");
    if (lines > 1) field.rows = lines;
    else field.type = "text";
    field.value = draft;
    field.setAttribute("aria-label", "Edit the suggestion before it replaces the key result");
    field.dataset.testid = "apply-text";
    const replace = el("button", "apply-confirm", "Replace");
    replace.type = "submit";
    replace.dataset.testid = "apply-confirm";
    const cancel = el("button", "apply-cancel", "Cancel");
    cancel.type = "button";
    cancel.dataset.testid = "apply-cancel";
    cancel.addEventListener("click", () => form.remove());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = field.value.trim();
      if (text) applySuggestion(item, text);
    });
    form.append(field, replace, cancel);
    row.append(form);
    field.focus();
    const slot = draft.search(/\[(effect measure|baseline|target|date|(adoption of|use of|on-time delivery of|the share of findings fixed after|time saved with|the measure tested by) the [A-Za-z][A-Za-z /-]*)\]/);
    if (slot >= 0) field.setSelectionRange(slot, draft.indexOf("]", slot) + 1);
  }

  // ------------------------------------------------------------------ actions

  async function copyText(value, button) {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const scratch = el("textarea");
      scratch.value = value;
      document.body.append(scratch);
      scratch.select();
      document.execCommand("copy");
      scratch.remove();
    }
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1200);
  }

  // Replace the key result's body (its text without bullet or numbering) in
  // the textarea by the suggestion.
  function applySuggestion(item, replacement) {
    const result = item.result;
    const body = result.features && result.features.body ? result.features.body : { start: 0, end: result.text.length };
    replaceIn(item, body.start, body.end, continuedLines(replacement, input.value, item.offset + body.start));
  }

  // A split's later parts open like the key result's own line (its indentation,
  // bullet or next number, an empty checkbox), as krquality.suggest.continued_lines does.
  function continuedLines(replacement, value, at) {
    const lines = replacement.split("\n");
    if (lines.length < 2) return replacement;
    const lead = value.slice(value.lastIndexOf("\n", at - 1) + 1, at);
    const box = /\[[ xX]\]\s+$/.exec(lead);
    const marker = /^([ \t>]*)(?:([-*+•])|(\d{1,3})([.)]))?(\s*)$/.exec(box ? lead.slice(0, box.index) : lead);
    if (!marker) {
      const indent = /^[ \t]*/.exec(lead)[0];
      return lines.map((line, i) => (i ? indent : "") + line).join("\n");
    }
    const [, indent, bullet, number, close, space] = marker;
    const prefix = (i) => indent
      + (bullet ? bullet + (space || " ") : number ? `${Number(number) + i}${close}${space || " "}` : "")
      + (box ? "[ ] " : "");
    return lines.map((line, i) => (i ? prefix(i) : "") + line).join("\n");
  }

  // Replace characters start..end of an analysed key result in the textarea,
  // if the textarea still holds the text that was analysed, then re-analyse.
  function replaceIn(item, start, end, replacement) {
    const value = input.value;
    const result = item.result;
    const at = item.offset;
    if (value.slice(at, at + result.text.length) !== result.text) {
      errorEl.textContent = "The text changed since it was analysed; wait for the new results and apply again.";
      errorEl.hidden = false;
      return;
    }
    const from = at + start;
    const to = at + end;
    input.value = value.slice(0, from) + replacement + value.slice(to);
    input.focus();
    input.setSelectionRange(from, from + replacement.length);
    clearTimeout(timer);
    analyze();
  }

  // ------------------------------------------------------------------ start

  async function checkReady() {
    try {
      const response = await fetch("/readyz");
      const data = await response.json();
      if (data.status === "ready") {
        setStatus("ready", "ready");
        $("model-version").textContent = "model " + data.model_version;
        if (input.value.trim()) analyze();
        return;
      }
      setStatus(data.status === "failed" ? "model failed to load: " + data.detail : "loading the model…",
        data.status === "failed" ? "down" : "busy");
      if (data.status !== "failed") setTimeout(checkReady, 1000);
    } catch {
      setStatus("cannot reach the service", "down");
      setTimeout(checkReady, 2000);
    }
  }

  input.addEventListener("input", schedule);
  modeSelect.addEventListener("change", () => { clearTimeout(timer); analyze(); });
  suggestionsBox.addEventListener("change", () => { clearTimeout(timer); analyze(); });
  apiKeyInput.addEventListener("change", () => {
    localStorage.setItem("krq-api-key", apiKeyInput.value);
    analyze();
  });
  for (const button of document.querySelectorAll("[data-example]")) {
    button.addEventListener("click", () => {
      input.value = EXAMPLES[button.dataset.example];
      clearTimeout(timer);
      analyze();
    });
  }
  checkReady();
})();
