// Correction forms (shown only on a server started with --write): each is sent to the API as JSON,
// with the token the analyst typed as a bearer token; the token is never stored. The answer says
// where the correction stands and links to the claims or entities that now hold what it names.
"use strict";

(() => {
  const words = (text) => (text || "").split(/[\s,;]+/).filter(Boolean);

  // What each action sends where: [path, body] from the form's data and its target.
  const requests = {
    "claims-merge": (data, target) => ["/api/claims/merge", { claims: claimsOf(data, target) }],
    "claims-distinct": (data, target) => ["/api/claims/distinct", { claims: claimsOf(data, target) }],
    "claims-split": (data, target) => [
      `/api/claims/${encodeURIComponent(target)}/split`,
      { statements: data.getAll("statement").flatMap(words) },
    ],
    "entities-merge": (data, target) => [
      "/api/entities/merge",
      { entities: [target, ...words(data.get("others"))] },
    ],
    withdraw: (data) => [`/api/corrections/${encodeURIComponent(data.get("correction") || "")}/withdraw`, {}],
    "entities-split": (data, target) => [
      `/api/entities/${encodeURIComponent(target)}/split`,
      { mentions: data.getAll("mention").flatMap(words) },
    ],
  };

  function claimsOf(data, target) {
    const picked = [...data.getAll("claim"), ...words(data.get("others"))];
    return target ? [target, ...picked] : picked;
  }

  function say(form, text, links, kind) {
    const out = form.querySelector(".correction-result");
    out.textContent = text;
    out.className = `correction-result ${kind}`;
    for (const [href, label] of links) {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = label;
      out.append(" ", link);
    }
  }

  async function send(form, submitter) {
    const data = new FormData(form, submitter);
    const action = data.get("do") || form.dataset.do;
    const build = requests[action];
    if (!build) {
      return;
    }
    const [path, body] = build(data, form.dataset.target || "");
    body.who = (data.get("who") || "").trim();
    body.why = (data.get("why") || "").trim();
    const token = data.get("token") || "";
    say(form, "Saving and recomputing the story…", [], "busy");
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch (error) {
      say(form, `Not saved: the server could not be reached (${error}).`, [], "error");
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof answer.detail === "string" ? answer.detail : response.statusText;
      say(form, `Not saved (${response.status}): ${detail}`, [], "error");
      return;
    }
    const page = (answer.action || "").startsWith("claims") ? "/claim/" : "/entity/";
    form.dataset.saved = answer.id;
    say(
      form,
      `Saved correction ${answer.id}: ${answer.status}. Now in:`,
      answer.now.map((id) => [page + encodeURIComponent(id), id]),
      "done",
    );
  }

  for (const form of document.querySelectorAll("form.correction")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form, event.submitter);
    });
  }
})();
