// Staff inbox: works the handoff queue through the /v1 API as the person signed in at /login.
// No framework and no build step. Signing in, requests and signing out are staff.js's (loaded
// first); this script draws the queue and one ticket.
// Patient text is only ever put on screen with textContent: never into URLs, storage or logs.
"use strict";

(() => {
  const POLL_MS = Number(document.body.dataset.pollMs) || 2500;
  const PRIORITY_LABEL = { urgent: "Urgent", high: "High", normal: "Normal" };
  const ROLE_LABEL = { patient: "Patient", bot: "Bot", agent: "Staff" };
  const STATUS_LABEL = { open: "Waiting", claimed: "Claimed", resolved: "Resolved" };

  const $ = (id) => document.getElementById(id);
  const el = {
    live: $("live-state"), filter: $("status-filter"), list: $("queue-list"),
    count: $("queue-count"), empty: $("queue-empty"), placeholder: $("ticket-placeholder"),
    body: $("ticket-body"), title: $("ticket-title"), facts: $("ticket-facts"),
    summary: $("ticket-summary"), transcript: $("transcript"), notes: $("notes"),
    claim: $("claim"), resolve: $("resolve"), replyForm: $("reply-form"),
    replyHint: $("reply-hint"), canned: $("canned"), replyText: $("reply-text"),
    replySend: $("reply-send"), noteForm: $("note-form"), noteText: $("note-text"),
    noteAdd: $("note-add"),
  };

  const state = {
    tickets: [],
    known: null, // ids seen by the previous poll; null until the first one
    selected: null,
    detail: null,
    timer: null,
    canned: new Map(), // language -> [{id, title, text}]
    busy: false,
  };

  const { api, showAlert, announce, isHandled, parseTime, ApiFailure } = Staff;
  const me = Staff.me;

  // ------------------------------------------------------------------ messages

  function failureText(err, doing) {
    if (err instanceof ApiFailure && err.status === 404) {
      return "Could not " + doing + ": the ticket no longer exists.";
    }
    if (err instanceof ApiFailure && (err.status === 409 || err.status === 422)) {
      return "Could not " + doing + ": " + err.message;
    }
    return Staff.failureText(err, doing);
  }

  // ------------------------------------------------------------------ time

  function duration(since) {
    const start = parseTime(since);
    if (!start) return "";
    const minutes = Math.max(0, Math.floor((Date.now() - start.getTime()) / 60000));
    if (minutes < 1) return "under 1 min";
    if (minutes < 60) return minutes + " min";
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + " h " + String(minutes % 60).padStart(2, "0") + " min";
    return Math.floor(hours / 24) + " d " + (hours % 24) + " h";
  }

  function clock(value) {
    const t = parseTime(value);
    return t ? t.toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : "";
  }

  function shortRef(id) {
    return "#" + String(id).slice(0, 8);
  }

  // ------------------------------------------------------------------ queue

  function statusLine(t) {
    const label = STATUS_LABEL[t.status] || t.status;
    if (t.status === "claimed" && t.assignee) {
      return t.assignee === me() ? "Claimed by you" : label + " by " + t.assignee;
    }
    return label;
  }

  function waitText(t) {
    if (t.status === "resolved") return "";
    return duration(t.waiting_since || t.created_at).replace("under 1 min", "<1 min");
  }

  function queueItem(t, fresh) {
    const li = document.createElement("li");
    li.className = (t.priority || "normal") + (fresh ? " fresh" : "");
    li.dataset.id = t.id;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "item";
    button.dataset.id = t.id;
    if (t.id === state.selected) button.setAttribute("aria-current", "true");

    const line1 = document.createElement("span");
    line1.className = "line1";
    const badge = document.createElement("span");
    badge.className = "badge " + (t.priority || "normal");
    badge.textContent = PRIORITY_LABEL[t.priority] || t.priority;
    const reason = document.createElement("span");
    reason.className = "reason";
    reason.textContent = t.reason || "Handoff";
    const wait = document.createElement("span");
    wait.className = "wait";
    wait.textContent = waitText(t);
    wait.title = "Waiting since " + clock(t.waiting_since || t.created_at);
    line1.append(badge, reason, wait);

    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [
      statusLine(t), t.channel, (t.language || "").toUpperCase(), shortRef(t.id),
    ].filter(Boolean).join(" · ");

    button.append(line1, meta);
    button.addEventListener("click", () => openTicket(t.id));
    li.append(button);
    return li;
  }

  function itemKey(t) {
    return [t.id, t.priority, t.reason, t.status, t.assignee, t.channel, t.language].join("\u0000");
  }

  function renderQueue(tickets) {
    const arrived = state.known === null ? [] : tickets.filter((t) => !state.known.has(t.id));
    const current = Array.from(el.list.children);
    const unchanged = current.length === tickets.length
      && current.every((li, i) => li.dataset.key === itemKey(tickets[i]));
    // Leave the list alone when nothing moved, so a click or the keyboard focus is never lost.
    if (!unchanged) {
      const active = document.activeElement;
      const focusedId = active && el.list.contains(active) ? active.dataset.id : null;
      const byKey = new Map(current.map((li) => [li.dataset.key, li]));
      el.list.replaceChildren(...tickets.map((t) => {
        const li = byKey.get(itemKey(t)) || queueItem(t, arrived.some((a) => a.id === t.id));
        li.dataset.key = itemKey(t);
        return li;
      }));
      if (focusedId) {
        const again = el.list.querySelector('button[data-id="' + CSS.escape(focusedId) + '"]');
        if (again) again.focus();
      }
    }
    tickWaits();
    el.empty.hidden = tickets.length > 0;
    el.count.textContent = "(" + tickets.length + ")";
    const waiting = tickets.filter((t) => t.status === "open").length;
    document.title = (waiting ? "(" + waiting + ") " : "") + document.title.replace(/^\(\d+\) /, "");
    if (arrived.length) {
      const urgent = arrived.filter((t) => t.priority === "urgent").length;
      announce(arrived.length + " new ticket" + (arrived.length > 1 ? "s" : "")
        + (urgent ? ", " + urgent + " urgent" : "") + " in the queue.");
    }
    state.known = new Set(tickets.map((t) => t.id));
  }

  function tickWaits() {
    for (const button of el.list.querySelectorAll("button.item")) {
      const t = state.tickets.find((x) => x.id === button.dataset.id);
      const wait = button.querySelector(".wait");
      if (t && wait && wait.textContent !== waitText(t)) wait.textContent = waitText(t);
      if (button.dataset.id === state.selected) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  function moveInQueue(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = Array.from(el.list.querySelectorAll("button.item"));
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    const next = buttons[at + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) next.focus();
  }

  // ------------------------------------------------------------------ one ticket

  function fact(dl, term, value) {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dl.append(dt, dd);
  }

  function renderFacts(t) {
    const dl = document.createDocumentFragment();
    fact(dl, "Status", statusLine(t));
    fact(dl, "Priority", PRIORITY_LABEL[t.priority] || t.priority);
    fact(dl, "Reason", t.reason);
    fact(dl, "Team", t.team);
    fact(dl, "Channel", t.channel);
    fact(dl, "Language", (t.language || "").toUpperCase());
    fact(dl, "Opened", clock(t.created_at));
    fact(dl, "Waiting", t.status === "resolved" ? "" : duration(t.waiting_since || t.created_at));
    fact(dl, "First response", t.first_response_at ? clock(t.first_response_at) : "none yet");
    el.facts.replaceChildren(dl);
  }

  function transcriptKey(t) {
    const turns = t.transcript || [];
    const notes = t.notes || [];
    const last = turns[turns.length - 1];
    return turns.length + ":" + (last ? last.seq : "") + ":" + notes.length;
  }

  function renderTranscript(t) {
    const items = (t.transcript || []).map((turn) => {
      const li = document.createElement("li");
      li.className = turn.role;
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = (ROLE_LABEL[turn.role] || turn.role) + " · " + clock(turn.created_at);
      li.append(who, document.createTextNode(turn.text));
      return li;
    });
    el.transcript.replaceChildren(...items);
    const notes = (t.notes || []).map((note) => {
      const li = document.createElement("li");
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = (note.author || "staff") + " · " + clock(note.created_at);
      li.append(who, document.createTextNode(note.text));
      return li;
    });
    el.notes.replaceChildren(...notes);
  }

  function renderControls(t) {
    const resolved = t.status === "resolved";
    const mine = t.status === "claimed" && t.assignee === me();
    el.claim.disabled = state.busy || t.status !== "open";
    el.resolve.disabled = state.busy || resolved;
    const canReply = !resolved && mine;
    for (const c of [el.canned, el.replyText, el.replySend]) c.disabled = state.busy || !canReply;
    el.noteText.disabled = state.busy;
    el.noteAdd.disabled = state.busy;
    if (resolved) el.replyHint.textContent = "Resolved: the bot answers this patient again.";
    else if (t.status === "open") el.replyHint.textContent = "Claim the ticket to reply.";
    else if (!mine) el.replyHint.textContent = "Claimed by " + t.assignee + ": only they can reply.";
    else el.replyHint.textContent = "Your reply is sent to the patient on " + (t.channel || "their channel") + ".";
  }

  function renderDetail(t, force) {
    const changed = force || !state.detail || state.detail.id !== t.id
      || transcriptKey(state.detail) !== transcriptKey(t);
    state.detail = t;
    el.placeholder.hidden = true;
    el.body.hidden = false;
    el.title.textContent = "Ticket " + shortRef(t.id) + " — " + (PRIORITY_LABEL[t.priority] || t.priority);
    renderFacts(t);
    if (el.summary.textContent !== (t.summary || "")) el.summary.textContent = t.summary || "";
    if (changed) renderTranscript(t);
    renderControls(t);
  }

  function clearDetail() {
    state.selected = null;
    state.detail = null;
    el.body.hidden = true;
    el.placeholder.hidden = false;
    for (const node of [el.facts, el.summary, el.transcript, el.notes]) node.replaceChildren();
    el.replyText.value = "";
    el.noteText.value = "";
  }

  async function loadCanned(language) {
    const key = language || "";
    if (!state.canned.has(key)) {
      try {
        const query = key ? "?language=" + encodeURIComponent(key) : "";
        state.canned.set(key, await api("GET", "/v1/canned-responses" + query));
      } catch (err) {
        if (isHandled(err)) throw err;
        state.canned.set(key, []);
      }
    }
    if (!state.detail || (state.detail.language || "") !== key) return;
    const options = [new Option(state.canned.get(key).length
      ? "— pick one to insert —" : "(no canned responses for this language)", "")];
    for (const c of state.canned.get(key)) options.push(new Option(c.title, c.id));
    el.canned.replaceChildren(...options);
  }

  function insertCanned() {
    const list = state.canned.get((state.detail && state.detail.language) || "") || [];
    const chosen = list.find((c) => String(c.id) === el.canned.value);
    if (!chosen) return;
    const current = el.replyText.value.trim();
    el.replyText.value = current ? current + "\n\n" + chosen.text : chosen.text;
    el.canned.value = "";
    el.replyText.focus();
  }

  async function openTicket(id) {
    const switching = state.selected !== id;
    state.selected = id;
    for (const b of el.list.querySelectorAll("button.item")) {
      if (b.dataset.id === id) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
    if (switching) {
      el.replyText.value = "";
      el.noteText.value = "";
    }
    try {
      const t = await api("GET", "/v1/handoffs/" + encodeURIComponent(id));
      if (state.selected !== id) return;
      renderDetail(t, switching);
      if (switching) {
        announce("Opened ticket " + shortRef(id) + ".");
        await loadCanned(t.language);
      }
    } catch (err) {
      if (isHandled(err)) return;
      showAlert(failureText(err, "open the ticket"));
    }
  }

  // ------------------------------------------------------------------ actions

  async function act(doing, call, done) {
    if (!state.detail || state.busy) return;
    const id = state.detail.id;
    const session = Staff.session();
    state.busy = true;
    renderControls(state.detail);
    try {
      const result = await call(id);
      showAlert("");
      if (done) done(result);
    } catch (err) {
      if (!isHandled(err)) {
        showAlert(failureText(err, doing));
      }
    } finally {
      state.busy = false;
      if (Staff.session() === session) {
        await openTicket(id);
        // A failed refresh is reported by the next poll.
        await refreshQueue().catch(() => undefined);
      }
    }
  }

  const path = (id, action) => "/v1/handoffs/" + encodeURIComponent(id) + "/" + action;

  function claim() {
    return act("claim the ticket", (id) => api("POST", path(id, "claim")), () => {
      announce("You claimed the ticket. You can reply now.");
    });
  }

  function resolve() {
    return act("resolve the ticket", (id) => api("POST", path(id, "resolve")), () => {
      announce("Ticket resolved: the bot has the conversation again.");
      showAlert("Ticket resolved: the bot has the conversation again.", true);
    });
  }

  function sendReply(event) {
    event.preventDefault();
    const text = el.replyText.value;
    if (!text.trim()) {
      showAlert("Write a reply first.");
      el.replyText.focus();
      return undefined;
    }
    return act("send the reply", (id) => api("POST", path(id, "messages"), { text }), (r) => {
      el.replyText.value = "";
      announce("Reply delivered" + (r && r.channel ? " on " + r.channel : "") + ".");
    });
  }

  function addNote(event) {
    event.preventDefault();
    const text = el.noteText.value;
    if (!text.trim()) {
      showAlert("Write the note first.");
      el.noteText.focus();
      return undefined;
    }
    return act("add the note", (id) => api("POST", path(id, "notes"), { text }), () => {
      el.noteText.value = "";
      announce("Note added.");
    });
  }

  // ------------------------------------------------------------------ polling and sign-in

  async function refreshQueue() {
    const tickets = await api("GET", "/v1/handoffs?status=" + encodeURIComponent(el.filter.value));
    state.tickets = Array.isArray(tickets) ? tickets : [];
    renderQueue(state.tickets);
  }

  async function poll() {
    state.timer = null;
    if (!Staff.session()) return;
    try {
      await refreshQueue();
      if (state.selected && !state.busy) {
        const t = await api("GET", "/v1/handoffs/" + encodeURIComponent(state.selected));
        if (state.detail && state.detail.id === t.id) renderDetail(t, false);
      }
      el.live.textContent = "live";
      el.live.classList.remove("stale");
    } catch (err) {
      if (isHandled(err)) return;
      el.live.textContent = err instanceof ApiFailure && err.status === 0 ? "offline, retrying" : "live";
      el.live.classList.toggle("stale", err instanceof ApiFailure && err.status === 0);
      if (!(err instanceof ApiFailure && err.status === 0)) showAlert(failureText(err, "refresh"));
    }
    if (Staff.session() && state.timer === null) state.timer = window.setTimeout(poll, POLL_MS);
  }

  function stopPolling() {
    if (state.timer !== null) window.clearTimeout(state.timer);
    state.timer = null;
  }

  function startPolling() {
    stopPolling();
    state.timer = window.setTimeout(poll, POLL_MS);
  }

  // Drop everything the page learnt while signed in.
  function forget() {
    stopPolling();
    state.known = null;
    state.tickets = [];
    state.canned.clear();
    clearDetail();
    el.list.replaceChildren();
    el.live.hidden = true;
    document.title = document.title.replace(/^\(\d+\) /, "");
  }

  // Signed in with a role that may work the queue: load it and keep it fresh.
  async function begin(session) {
    el.live.hidden = false;
    try {
      await refreshQueue();
    } catch (err) {
      if (isHandled(err)) return;
      showAlert(failureText(err, "load the queue"));
    }
    if (Staff.session() === session) startPolling();
  }

  el.filter.addEventListener("change", () => {
    state.known = null;
    refreshQueue().catch((err) => {
      if (!isHandled(err)) showAlert(failureText(err, "load the queue"));
    });
  });
  el.list.addEventListener("keydown", moveInQueue);
  el.claim.addEventListener("click", claim);
  el.resolve.addEventListener("click", resolve);
  el.replyForm.addEventListener("submit", sendReply);
  el.noteForm.addEventListener("submit", addNote);
  el.canned.addEventListener("change", insertCanned);
  el.replyText.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      el.replyForm.requestSubmit();
    }
  });
  window.setInterval(tickWaits, 15000);

  Staff.start({
    home: "/inbox",
    roles: ["agent", "admin"],
    needs: "the inbox needs an agent or admin account",
    account: "agent",
    work: "keep working the queue",
    onBegin: begin,
    onForget: forget,
    onPause: stopPolling,
    onResume: startPolling,
  });
})();
