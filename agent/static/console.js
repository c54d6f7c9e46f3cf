// Documents console: upload, review and approve the clinic's documents through the /v1 API
// as the admin signed in at /login. No framework and no build step. Signing in, requests and
// signing out are staff.js's (loaded first). Everything the API returns goes on screen with
// textContent, never as markup; nothing is kept in storage, written to the console or put in URLs.
"use strict";

(() => {
  const STATUS_LABEL = { pending: "Pending review", approved: "Approved · in use", retired: "Retired" };
  const STATUS_RANK = { pending: 0, approved: 1, retired: 2 };
  const FINDING_LABEL = {
    PERSON: "Name", PHONE_NUMBER: "Phone number", EMAIL_ADDRESS: "Email address",
    LOCATION: "Place", DATE_TIME: "Date", IBAN_CODE: "Bank account", CREDIT_CARD: "Card number",
  };
  const AUDIT_LIMIT = 200;

  const $ = (id) => document.getElementById(id);
  const el = {
    uploadForm: $("upload-form"), dropzone: $("dropzone"), file: $("upload-file"),
    chosen: $("upload-chosen"), title: $("upload-title-input"), uploadButton: $("upload-button"),
    progressBox: $("upload-progress-box"), progress: $("upload-progress"),
    progressText: $("upload-progress-text"), uploadStatus: $("upload-status"),
    list: $("doc-list"), count: $("doc-count"), empty: $("doc-empty"),
    showRetired: $("show-retired"), docsRefresh: $("docs-refresh"),
    placeholder: $("detail-placeholder"), body: $("detail-body"), docTitle: $("doc-title"),
    badge: $("doc-badge"), facts: $("doc-facts"), approve: $("approve"), retire: $("retire"),
    confirm: $("confirm"), confirmText: $("confirm-text"), confirmWarning: $("confirm-warning"),
    confirmYes: $("confirm-yes"), confirmNo: $("confirm-no"),
    phiStatus: $("phi-status"), phiWarning: $("phi-warning"), phiFindings: $("phi-findings"),
    askForm: $("ask-form"), question: $("question"), askButton: $("ask-button"),
    askStatus: $("ask-status"), answers: $("answers"),
    versionTitle: $("answer-version-title"), versionText: $("answer-version"),
    versionCites: $("answer-version-cites"), currentTitle: $("answer-current-title"),
    currentText: $("answer-current"), currentCites: $("answer-current-cites"),
    pagesStatus: $("pages-status"), pages: $("pages"),
    historyStatus: $("history-status"), history: $("history"), diffBox: $("diff-box"),
    diffTitle: $("diff-title"), diff: $("diff"),
    auditStatus: $("audit-status"), auditTable: $("audit"), auditRows: $("audit-rows"),
    auditRefresh: $("audit-refresh"),
  };

  const state = {
    docs: [],
    selected: null,
    doc: null,
    findings: null, // number of patient-data findings on the selected version; null = unknown
    versions: [], // the selected document's history
    file: null, // the file staged for upload
    confirming: null, // "approve" | "retire" while the inline confirmation is open
    uploading: false,
    busy: false, // an approve or retire is on its way
  };

  const { api, showAlert, announce, failureText, parseTime, ApiFailure } = Staff;
  const isAuthFailure = Staff.isHandled; // the page has already been signed out or switched

  // The multipart upload, with the session's CSRF token on the XHR (see Staff.postForm).
  function sendFile(file, title, onProgress) {
    const form = new FormData();
    form.append("file", file, file.name);
    if (title) form.append("title", title);
    return Staff.postForm("/v1/documents", form, onProgress);
  }

  const docPath = (id, rest) => "/v1/documents/" + encodeURIComponent(id) + (rest || "");

  // ------------------------------------------------------------------ messages

  function setStatus(node, text, kind) {
    node.textContent = text;
    node.classList.toggle("error", kind === "error");
    node.classList.toggle("ok", kind === "ok");
  }

  // ------------------------------------------------------------------ formatting

  function clock(value) {
    const t = parseTime(value);
    return t ? t.toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "";
  }

  function node(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function badge(status) {
    return node("span", "badge " + status, STATUS_LABEL[status] || status);
  }

  function sizeText(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(0) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  const versionName = (d) => "version " + d.version;

  // ------------------------------------------------------------------ documents list

  // Versions of one document are linked by "replaces"; group them under their first version.
  function families(docs) {
    const byId = new Map(docs.map((d) => [d.id, d]));
    const rootOf = (d) => {
      let current = d;
      const seen = new Set([d.id]);
      while (current.replaces && byId.has(current.replaces) && !seen.has(current.replaces)) {
        current = byId.get(current.replaces);
        seen.add(current.id);
      }
      return current.id;
    };
    const groups = new Map();
    for (const d of docs) {
      const root = rootOf(d);
      if (!groups.has(root)) groups.set(root, []);
      groups.get(root).push(d);
    }
    const rank = (versions) => Math.min(...versions.map((v) => STATUS_RANK[v.status] ?? 3));
    const list = [...groups.values()].map((vs) => vs.sort((a, b) => b.version - a.version));
    list.sort((a, b) => rank(a) - rank(b) || String(a[0].title).localeCompare(String(b[0].title)));
    return list;
  }

  function versionButton(d) {
    const button = node("button", "item " + d.status);
    button.type = "button";
    button.dataset.id = d.id;
    if (d.id === state.selected) button.setAttribute("aria-current", "true");
    const line1 = node("span", "line1");
    line1.append(badge(d.status), node("span", "version", "Version " + d.version));
    const meta = node("span", "meta", d.filename + " · uploaded " + clock(d.created_at)
      + (d.uploaded_by ? " by " + d.uploaded_by : ""));
    button.append(line1, meta);
    button.addEventListener("click", () => selectDocument(d.id));
    return button;
  }

  function renderList() {
    const groups = families(state.docs);
    const items = [];
    for (const versions of groups) {
      const shown = versions.filter((v) => el.showRetired.checked || v.status !== "retired");
      if (!shown.length) continue;
      const li = node("li", "family");
      const head = node("div", "family-head");
      head.append(node("span", "family-title", versions[0].title));
      if (versions.length > 1) head.append(node("span", "count", versions.length + " versions"));
      const ul = node("ul", "versions");
      ul.setAttribute("aria-label", "Versions of " + versions[0].title);
      for (const v of shown) {
        const vli = node("li");
        vli.append(versionButton(v));
        ul.append(vli);
      }
      li.append(head, ul);
      items.push(li);
    }
    el.list.replaceChildren(...items);
    el.empty.hidden = items.length > 0;
    const pending = state.docs.filter((d) => d.status === "pending").length;
    const inUse = state.docs.filter((d) => d.status === "approved").length;
    el.count.textContent = "(" + inUse + " in use, " + pending + " pending)";
  }

  async function refreshList() {
    const docs = await api("GET", "/v1/documents");
    state.docs = Array.isArray(docs) ? docs : [];
    renderList();
  }

  // ------------------------------------------------------------------ upload

  function stage(files) {
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      setStatus(el.uploadStatus, "Drop one file at a time.", "error");
      return;
    }
    state.file = files[0];
    el.chosen.textContent = "Ready to upload: " + state.file.name + " (" + sizeText(state.file.size) + ")";
    setStatus(el.uploadStatus, "");
    el.uploadButton.disabled = state.uploading;
  }

  function showProgress(fraction) {
    el.progressBox.hidden = false;
    if (fraction === null || fraction >= 1) {
      el.progress.removeAttribute("value"); // indeterminate: the server is reading the file
      el.progressText.textContent = fraction === null ? "Uploading…" : "Reading and indexing the file…";
    } else {
      el.progress.value = Math.round(fraction * 100);
      el.progressText.textContent = "Uploading… " + Math.round(fraction * 100) + "%";
    }
  }

  async function upload(event) {
    event.preventDefault();
    if (!state.file || state.uploading) return;
    const file = state.file;
    const known = new Set(state.docs.map((d) => d.id));
    state.uploading = true;
    el.uploadButton.disabled = true;
    setStatus(el.uploadStatus, "");
    showProgress(0);
    try {
      const doc = await sendFile(file, el.title.value.trim(), showProgress);
      state.file = null;
      el.file.value = "";
      el.title.value = "";
      el.chosen.textContent = "";
      const text = known.has(doc.id)
        ? "This exact file is already " + versionName(doc) + " of “" + doc.title + "” ("
          + (STATUS_LABEL[doc.status] || doc.status) + "); nothing new was uploaded."
        : "Uploaded “" + doc.title + "” as " + versionName(doc) + ": pending review.";
      setStatus(el.uploadStatus, text, "ok");
      announce(text);
      await refreshList();
      await selectDocument(doc.id);
      refreshAudit();
    } catch (err) {
      if (!isAuthFailure(err)) {
        // The server's message says what to fix (encrypted, scanned, too large...): show it as is.
        const text = err instanceof ApiFailure && err.status >= 400 && err.status < 500
          ? "Not uploaded: " + err.message
          : failureText(err, "upload the file");
        setStatus(el.uploadStatus, text, "error");
        announce(text);
      }
    } finally {
      state.uploading = false;
      el.progressBox.hidden = true;
      el.uploadButton.disabled = !state.file;
    }
  }

  function onDrag(event) {
    event.preventDefault();
    el.dropzone.classList.toggle("over", event.type === "dragenter" || event.type === "dragover");
  }

  function onDrop(event) {
    event.preventDefault();
    el.dropzone.classList.remove("over");
    stage(event.dataTransfer && event.dataTransfer.files);
  }

  // ------------------------------------------------------------------ selected document

  function fact(dl, name, value) {
    if (value === null || value === undefined || value === "") return;
    dl.append(node("dt", "", name), node("dd", "", value));
  }

  function renderFacts(d) {
    el.docTitle.textContent = d.title + " — " + versionName(d);
    el.badge.className = "badge " + d.status;
    el.badge.textContent = STATUS_LABEL[d.status] || d.status;
    const dl = document.createDocumentFragment();
    fact(dl, "File", d.filename + " (" + d.media_type + ")");
    fact(dl, "Pages", d.pages + " · " + d.chunks + " passages");
    fact(dl, "Uploaded", clock(d.created_at) + (d.uploaded_by ? " by " + d.uploaded_by : ""));
    if (d.approved_at) {
      fact(dl, "Approved", clock(d.approved_at) + (d.approved_by ? " by " + d.approved_by : ""));
    }
    if (d.retired_at) fact(dl, "Retired", clock(d.retired_at));
    fact(dl, "Document id", d.id);
    el.facts.replaceChildren(dl);
  }

  function renderActions() {
    const d = state.doc;
    // A confirmation left open for a step that no longer applies is dropped.
    if (state.confirming !== null && (!d || (state.confirming === "approve" && d.status !== "pending")
        || (state.confirming === "retire" && d.status === "retired"))) {
      closeConfirm();
    }
    el.approve.hidden = !d || d.status !== "pending";
    el.retire.hidden = !d || d.status === "retired";
    el.approve.disabled = state.busy || state.confirming !== null;
    el.retire.disabled = state.busy || state.confirming !== null;
  }

  function clearDetail() {
    state.doc = null;
    state.findings = null;
    state.versions = [];
    closeConfirm();
    for (const n of [el.facts, el.phiFindings, el.pages, el.history, el.diff,
      el.versionCites, el.currentCites]) n.replaceChildren();
    for (const n of [el.phiStatus, el.pagesStatus, el.historyStatus, el.askStatus]) setStatus(n, "");
    el.phiWarning.hidden = true;
    el.answers.hidden = true;
    el.diffBox.hidden = true;
    el.question.value = "";
  }

  async function selectDocument(id) {
    const switching = state.selected !== id;
    state.selected = id;
    for (const b of el.list.querySelectorAll("button.item")) {
      if (b.dataset.id === id) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
    if (switching) clearDetail();
    el.placeholder.hidden = true;
    el.body.hidden = false;
    try {
      const d = await api("GET", docPath(id));
      if (state.selected !== id) return;
      state.doc = d;
      renderFacts(d);
      renderActions();
    } catch (err) {
      if (!isAuthFailure(err)) showAlert(failureText(err, "open the document"));
      return;
    }
    if (switching) {
      announce("Opened " + state.doc.title + ", " + versionName(state.doc) + ".");
      // Each part reports its own failure in its own section.
      await Promise.all([loadPhi(id), loadPages(id), loadHistory(id)]);
    } else {
      await loadHistory(id);
    }
  }

  async function loadPages(id) {
    setStatus(el.pagesStatus, "Loading the extracted text…");
    try {
      const data = await api("GET", docPath(id, "/pages"));
      if (state.selected !== id) return;
      const pages = (data && Array.isArray(data.pages)) ? data.pages : [];
      el.pages.replaceChildren(...pages.map((p) => {
        const li = node("li", "page");
        const text = String(p.text || "").trim();
        li.append(node("h4", "", "Page " + p.page),
          node("pre", text ? "page-text" : "page-text empty-page", text || "(no text on this page)"));
        return li;
      }));
      setStatus(el.pagesStatus, pages.length ? "" : "No text was extracted from this file.");
    } catch (err) {
      if (isAuthFailure(err) || state.selected !== id) return;
      setStatus(el.pagesStatus, failureText(err, "load the extracted text"), "error");
    }
  }

  function findingItem(f) {
    const li = node("li", "finding");
    const label = FINDING_LABEL[f.type] ? FINDING_LABEL[f.type] + " (" + f.type + ")" : f.type;
    const score = typeof f.score === "number" ? " · " + Math.round(f.score * 100) + "% sure" : "";
    li.append(node("span", "where", "Page " + f.page + " · " + label + score),
      node("q", "context", f.context || ""));
    return li;
  }

  async function loadPhi(id) {
    state.findings = null;
    el.phiWarning.hidden = true;
    setStatus(el.phiStatus, "Checking the text for patient data…");
    try {
      const data = await api("GET", docPath(id, "/phi"));
      if (state.selected !== id) return;
      const findings = (data && Array.isArray(data.findings)) ? data.findings : [];
      state.findings = findings.length;
      el.phiFindings.replaceChildren(...findings.map(findingItem));
      el.phiWarning.hidden = findings.length === 0;
      if (findings.length === 0) setStatus(el.phiStatus, "No patient data found.", "ok");
      else {
        setStatus(el.phiStatus, findings.length === 1 ? "1 possible piece of patient data found."
          : findings.length + " possible pieces of patient data found.", "error");
      }
    } catch (err) {
      if (isAuthFailure(err) || state.selected !== id) return;
      setStatus(el.phiStatus, failureText(err, "check the text for patient data"), "error");
    }
  }

  function historyItem(d) {
    const li = node("li", "version-row" + (d.id === state.selected ? " selected" : ""));
    const head = node("div", "row-head");
    head.append(node("strong", "", "Version " + d.version), badge(d.status));
    if (d.id === state.selected) head.append(node("span", "this", "(shown above)"));
    const lines = node("div", "row-facts");
    lines.append(node("span", "", "Uploaded " + clock(d.created_at)
      + (d.uploaded_by ? " by " + d.uploaded_by : "")));
    if (d.approved_at) {
      lines.append(node("span", "", "Approved " + clock(d.approved_at)
        + (d.approved_by ? " by " + d.approved_by : "")));
    }
    if (d.retired_at) lines.append(node("span", "", "Retired " + clock(d.retired_at)));
    li.append(head, lines);
    if (d.id !== state.selected) {
      const buttons = node("div", "row-actions");
      const compare = node("button", "secondary small", "Show changes from version " + d.version);
      compare.type = "button";
      compare.addEventListener("click", () => loadDiff(state.selected, d.id));
      const open = node("button", "secondary small", "Open version " + d.version);
      open.type = "button";
      open.addEventListener("click", () => selectDocument(d.id));
      buttons.append(compare, open);
      li.append(buttons);
    }
    return li;
  }

  async function loadHistory(id) {
    setStatus(el.historyStatus, "Loading the versions…");
    try {
      const data = await api("GET", docPath(id, "/history"));
      if (state.selected !== id) return;
      state.versions = Array.isArray(data) ? data : [];
      el.history.replaceChildren(...state.versions.map(historyItem));
      setStatus(el.historyStatus, state.versions.length > 1 ? ""
        : "This is the only version of this document.");
    } catch (err) {
      if (isAuthFailure(err) || state.selected !== id) return;
      setStatus(el.historyStatus, failureText(err, "load the version history"), "error");
    }
  }

  function lineClass(line) {
    if (line.startsWith("+++") || line.startsWith("---")) return "meta";
    if (line.startsWith("@@")) return "hunk";
    if (line.startsWith("+")) return "add";
    if (line.startsWith("-")) return "del";
    return "same";
  }

  function versionLabel(id) {
    const d = state.versions.find((v) => v.id === id) || state.docs.find((v) => v.id === id);
    return d ? versionName(d) : "document " + String(id).slice(0, 8);
  }

  async function loadDiff(id, against) {
    el.diffBox.hidden = false;
    el.diffTitle.textContent = "Changes";
    el.diff.replaceChildren();
    setStatus(el.historyStatus, "Comparing the versions…");
    try {
      const data = await api("GET", docPath(id, "/diff?against=" + encodeURIComponent(against)));
      if (state.selected !== id) return;
      const lines = (data && Array.isArray(data.diff)) ? data.diff.map(String) : [];
      el.diffTitle.textContent = "Changes from " + versionLabel(data.from) + " to "
        + versionLabel(data.to);
      el.diff.replaceChildren(...lines.map((line) => node("li", lineClass(line), line)));
      const changed = lines.some((l) => ["add", "del"].includes(lineClass(l)));
      setStatus(el.historyStatus, changed ? "" : "The text of these versions is the same.");
      el.diffTitle.focus();
    } catch (err) {
      if (isAuthFailure(err) || state.selected !== id) return;
      el.diffBox.hidden = true;
      setStatus(el.historyStatus, failureText(err, "compare the versions"), "error");
    }
  }

  // ------------------------------------------------------------------ sandbox

  function renderCites(list, citations) {
    list.replaceChildren(...(citations || []).map((c) => node("li", "",
      c.title + (c.page ? ", page " + c.page : ""))));
  }

  async function ask(event) {
    event.preventDefault();
    const id = state.selected;
    const question = el.question.value.trim();
    if (!id || !question) return;
    el.askButton.disabled = true;
    setStatus(el.askStatus, "Asking this version…");
    try {
      const data = await api("POST", docPath(id, "/ask"), { question });
      if (state.selected !== id) return;
      const mine = (data && data.version) || {};
      el.versionTitle.textContent = "This version (" + versionName(state.doc) + ", "
        + (STATUS_LABEL[state.doc.status] || state.doc.status).toLowerCase() + ")";
      el.versionText.textContent = mine.text || "(no answer)";
      renderCites(el.versionCites, mine.citations);
      const current = data && data.current;
      if (current) {
        el.currentTitle.textContent = "Approved version in use (version " + current.version + ")";
        el.currentText.textContent = current.text || "(no answer)";
        renderCites(el.currentCites, current.citations);
      } else {
        el.currentTitle.textContent = "Approved version in use";
        el.currentText.textContent = state.doc.status === "approved"
          ? "This version is the one in use: patients get the answer shown beside this."
          : "None: no version of this document is approved, so patients get no answer from it.";
        el.currentCites.replaceChildren();
      }
      el.answers.hidden = false;
      setStatus(el.askStatus, "");
      announce("Answers ready.");
    } catch (err) {
      if (isAuthFailure(err) || state.selected !== id) return;
      setStatus(el.askStatus, failureText(err, "ask this version"), "error");
    } finally {
      el.askButton.disabled = false;
    }
  }

  // ------------------------------------------------------------------ approve and retire

  function openConfirm(action) {
    const d = state.doc;
    if (!d || state.busy) return;
    state.confirming = action;
    const inUse = state.docs.find((v) => v.status === "approved" && v.id !== d.id
      && familyOf(v.id) === familyOf(d.id));
    let warning = "";
    if (action === "approve") {
      el.confirmText.textContent = "Approve " + versionName(d) + " of “" + d.title + "”? "
        + "Patients get answers from it straight away"
        + (inUse ? " and " + versionName(inUse) + " is retired." : ".");
      if (state.findings === null) {
        warning = "The patient data check has not finished: read the text yourself first.";
      } else if (state.findings > 0) {
        warning = "This version has " + state.findings + " possible piece"
          + (state.findings === 1 ? "" : "s") + " of patient data: approving publishes "
          + (state.findings === 1 ? "it" : "them") + " to patients.";
      }
      el.confirmYes.textContent = "Yes, approve";
      el.confirmYes.className = "";
    } else {
      el.confirmText.textContent = "Retire " + versionName(d) + " of “" + d.title + "”? "
        + (d.status === "approved" ? "Patients stop getting answers from it at once. " : "")
        + "A retired version cannot be approved again.";
      el.confirmYes.textContent = "Yes, retire";
      el.confirmYes.className = "danger";
    }
    el.confirmWarning.textContent = warning;
    el.confirmWarning.hidden = !warning;
    el.confirm.hidden = false;
    renderActions();
    el.confirmNo.focus();
  }

  function closeConfirm() {
    state.confirming = null;
    el.confirm.hidden = true;
    el.approve.disabled = state.busy;
    el.retire.disabled = state.busy;
  }

  function familyOf(id) {
    const group = families(state.docs).find((vs) => vs.some((v) => v.id === id));
    return group ? group[group.length - 1].id : id;
  }

  async function confirmAction() {
    const action = state.confirming;
    const d = state.doc;
    if (!action || !d || state.busy) return;
    const session = Staff.session();
    state.busy = true;
    el.confirmYes.disabled = true;
    try {
      const done = await api("POST", docPath(d.id, "/" + action));
      const text = action === "approve"
        ? "Approved " + versionName(done) + " of “" + done.title + "”: patients get answers from it now."
        : "Retired " + versionName(done) + " of “" + done.title + "”.";
      showAlert(text, true);
      announce(text);
    } catch (err) {
      if (!isAuthFailure(err)) showAlert(failureText(err, action + " the document"));
    } finally {
      state.busy = false;
      el.confirmYes.disabled = false;
      closeConfirm();
      if (Staff.session() === session) {
        await refreshList().catch(() => undefined);
        await selectDocument(d.id);
        refreshAudit();
      }
    }
  }

  // ------------------------------------------------------------------ audit log

  function targetText(target) {
    const s = String(target || "");
    if (!s.startsWith("document:")) return s;
    const d = state.docs.find((v) => v.id === s.slice("document:".length));
    return d ? d.title + ", " + versionName(d) + " (" + s + ")" : s;
  }

  async function refreshAudit() {
    setStatus(el.auditStatus, "Loading…");
    try {
      const entries = await api("GET", "/v1/audit?limit=" + AUDIT_LIMIT);
      const list = (Array.isArray(entries) ? entries : []).slice().reverse();
      // Newest first; entries with the same time keep the server's order (reversed).
      const when = (e) => { const t = parseTime(e.at); return t ? t.getTime() : 0; };
      list.sort((a, b) => when(b) - when(a));
      el.auditRows.replaceChildren(...list.map((e) => {
        const tr = node("tr");
        const action = node("td");
        action.append(node("code", "", e.action));
        tr.append(node("td", "when", clock(e.at)), node("td", "", e.actor), action,
          node("td", "target", targetText(e.target)));
        return tr;
      }));
      setStatus(el.auditStatus, list.length ? "" : "Nothing recorded yet.");
      el.auditTable.hidden = list.length === 0;
    } catch (err) {
      if (isAuthFailure(err)) return;
      setStatus(el.auditStatus, failureText(err, "load the audit log"), "error");
    }
  }

  // ------------------------------------------------------------------ signed in or not

  // Drop everything the page learnt while signed in (documents, findings, audit trail).
  function forget() {
    state.docs = [];
    state.selected = null;
    state.file = null;
    clearDetail();
    el.list.replaceChildren();
    el.auditRows.replaceChildren();
    el.body.hidden = true;
    el.placeholder.hidden = false;
    el.file.value = "";
    el.title.value = "";
    el.chosen.textContent = "";
    el.uploadButton.disabled = true;
    setStatus(el.uploadStatus, "");
  }

  // Signed in as an admin: load the documents and the audit log.
  async function begin() {
    try {
      await refreshList();
    } catch (err) {
      if (!isAuthFailure(err)) showAlert(failureText(err, "load the documents"));
      return;
    }
    await refreshAudit();
  }

  el.uploadForm.addEventListener("submit", upload);
  el.file.addEventListener("change", () => stage(el.file.files));
  for (const type of ["dragenter", "dragover", "dragleave"]) el.dropzone.addEventListener(type, onDrag);
  el.dropzone.addEventListener("drop", onDrop);
  // A file dropped next to the zone must not make the browser leave the page to open it.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (!el.dropzone.contains(event.target)) event.preventDefault();
    });
  }
  el.showRetired.addEventListener("change", renderList);
  el.docsRefresh.addEventListener("click", () => {
    refreshList().catch((err) => {
      if (!isAuthFailure(err)) showAlert(failureText(err, "load the documents"));
    });
  });
  el.approve.addEventListener("click", () => openConfirm("approve"));
  el.retire.addEventListener("click", () => openConfirm("retire"));
  el.confirmYes.addEventListener("click", confirmAction);
  el.confirmNo.addEventListener("click", () => {
    closeConfirm();
    renderActions();
  });
  el.askForm.addEventListener("submit", ask);
  el.auditRefresh.addEventListener("click", refreshAudit);

  Staff.start({
    home: "/admin",
    roles: ["admin"],
    needs: "the documents console needs an admin account",
    account: "admin",
    work: "keep reviewing the documents",
    onBegin: begin,
    onForget: forget,
  });
})();
