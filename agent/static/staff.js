// What every staff page shares: who is signed in (GET /v1/session), requests that carry the
// session's CSRF token, the session-ended state, the alert and screen-reader announcements,
// and signing out. Loaded before the page's own script, which calls Staff.start() once.
// The session lives in an HttpOnly cookie the script never sees; the script only learns who is
// signed in and the CSRF token that every change must carry. Nothing is kept in storage, put in
// URLs or logged.
"use strict";

window.Staff = (() => {
  const CSRF_HEADER = "X-CSRF-Token";
  const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
  const RETRY_MS = 2500;
  const OFFLINE = "The server cannot be reached; check the connection and try again.";

  const $ = (id) => document.getElementById(id);
  // The ids every staff page has (see the inbox and console templates).
  const el = {
    alert: $("alert"), announce: $("announce"), account: $("account"), who: $("who"),
    signout: $("signout"), checking: $("checking"), signin: $("signin"),
    signinLink: $("signin-link"), workspace: $("workspace"),
  };

  // The page's settings (see start()) and the session: {name, role, csrf} while signed in.
  let page = null;
  let current = null;

  // ------------------------------------------------------------------ failures

  class ApiFailure extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
      this.handled = false;
    }
  }

  // Failures already dealt with here (the page was signed out, or switched person): say nothing.
  const isHandled = (err) => err instanceof ApiFailure && err.handled === true;

  function detailText(data) {
    if (!data || data.detail === undefined || data.detail === null) return "";
    const d = data.detail;
    if (typeof d === "string") return d;
    if (Array.isArray(d)) return d.map((x) => (x && x.msg) || String(x)).join("; ");
    if (typeof d === "object") {
      const parts = [];
      if (d.message) parts.push(d.message);
      if (d.status) parts.push("status: " + d.status);
      if (d.assignee) parts.push("held by " + d.assignee);
      return parts.length ? parts.join(", ") : JSON.stringify(d);
    }
    return String(d);
  }

  function failureText(err, doing) {
    if (!(err instanceof ApiFailure)) return "Could not " + doing + ": unexpected error.";
    if (err.status === 0) return err.message;
    return "Could not " + doing + " (error " + err.status + "): " + err.message;
  }

  // ------------------------------------------------------------------ messages

  function showAlert(text, ok) {
    el.alert.textContent = text;
    el.alert.classList.toggle("ok", Boolean(ok));
    el.alert.hidden = !text;
  }

  function announce(text) {
    el.announce.textContent = "";
    // A fresh node each time so screen readers read repeated messages too.
    window.setTimeout(() => { el.announce.textContent = text; }, 50);
  }

  // An API time without a zone is UTC.
  function parseTime(value) {
    if (!value) return null;
    const s = String(value);
    const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(s) ? s : s + "Z";
    const t = Date.parse(withZone);
    return Number.isNaN(t) ? null : new Date(t);
  }

  // ------------------------------------------------------------------ requests

  function headersFor(method) {
    const headers = { Accept: "application/json" };
    if (!SAFE_METHODS.has(method)) headers[CSRF_HEADER] = current ? current.csrf : "";
    return headers;
  }

  // One same-origin request: the browser adds the session cookie; changes carry the CSRF token.
  // No token header ever: who is acting is the session, not a secret held by the page.
  async function send(method, path, body) {
    const headers = headersFor(method);
    const init = { method, headers, cache: "no-store", credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (_err) {
      throw new ApiFailure(0, OFFLINE);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_err) {
      data = null;
    }
    return { status: response.status, statusText: response.statusText, data };
  }

  // Who is signed in: the session, or null when there is none (401). Other failures throw.
  async function readSession() {
    const { status, statusText, data } = await send("GET", "/v1/session");
    if (status === 401) return null;
    if (status < 200 || status >= 300) {
      throw new ApiFailure(status, detailText(data) || statusText || "failed");
    }
    if (!data || !data.name || !data.csrf) {
      // Signed in some other way than a browser session: the page cannot make changes.
      throw new ApiFailure(status, "no browser session; sign in at /login");
    }
    return { name: String(data.name), role: String(data.role), csrf: String(data.csrf) };
  }

  // Turn a refused answer into a failure: a 401 ends the session on the page; a 403 on a change
  // re-reads the CSRF token once ("retry" is returned when the same person's token was renewed).
  async function refusal(method, status, statusText, data, retried) {
    const failure = new ApiFailure(status, detailText(data) || statusText || "request failed");
    if (status === 401) {
      failure.handled = true;
      sessionEnded();
    } else if (status === 403 && !SAFE_METHODS.has(method) && !retried) {
      // The CSRF token is renewed when this browser signs in again (in another tab, say).
      const outcome = await renewSession();
      if (outcome === "retry") return "retry";
      failure.handled = outcome === "handled";
    }
    return failure;
  }

  // A JSON API call as the signed-in person; resolves to the answer's body, or throws ApiFailure.
  async function api(method, path, body, retried) {
    const { status, statusText, data } = await send(method, path, body);
    if (status >= 200 && status < 300) return data;
    const failure = await refusal(method, status, statusText, data, retried);
    if (failure === "retry") return api(method, path, body, true);
    throw failure;
  }

  // A multipart POST over XHR, which (unlike fetch) reports upload progress; onProgress gets a
  // fraction, or null when the size is unknown. Same session, CSRF and 401 rules as api().
  function postForm(path, form, onProgress, retried) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", path);
      xhr.withCredentials = true;
      for (const [name, value] of Object.entries(headersFor("POST"))) {
        xhr.setRequestHeader(name, value);
      }
      xhr.upload.addEventListener("progress", (e) => {
        onProgress(e.lengthComputable ? e.loaded / e.total : null);
      });
      xhr.upload.addEventListener("load", () => onProgress(1));
      xhr.addEventListener("load", async () => {
        let data = null;
        try {
          data = JSON.parse(xhr.responseText);
        } catch (_err) {
          data = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(data);
          return;
        }
        const failure = await refusal("POST", xhr.status, xhr.statusText, data, retried);
        if (failure === "retry") postForm(path, form, onProgress, true).then(resolve, reject);
        else reject(failure);
      });
      xhr.addEventListener("error", () => reject(new ApiFailure(0, OFFLINE)));
      xhr.send(form);
    });
  }

  // Re-read the session after a refused change: "retry" when the same person's CSRF token was
  // renewed, "handled" when the session ended or another person signed in, else "failed".
  async function renewSession() {
    let fresh;
    try {
      fresh = await readSession();
    } catch (_err) {
      return "failed";
    }
    if (fresh === null) {
      sessionEnded();
      return "handled";
    }
    if (!current || fresh.name !== current.name) {
      begin(fresh, "This browser is now signed in as " + fresh.name
        + " (from another tab); the last action was not done.");
      return "handled";
    }
    const renewed = fresh.csrf !== current.csrf;
    current = fresh;
    return renewed ? "retry" : "failed";
  }

  // ------------------------------------------------------------------ signed in or not

  // Drop everything the page learnt while signed in.
  function forget() {
    current = null;
    el.who.textContent = "";
    page.onForget();
  }

  function showSignIn(message) {
    forget();
    el.checking.hidden = true;
    el.workspace.hidden = true;
    el.account.hidden = true;
    el.signin.hidden = false;
    showAlert(message || "");
    el.signinLink.focus();
  }

  // A request was refused with 401: the session was ended, expired or its account revoked.
  function sessionEnded() {
    if (el.signin.hidden === false && current === null) return; // already said
    showSignIn("Your session has ended (signed out, expired, or the account was revoked). "
      + "Sign in again to " + page.work + ".");
  }

  // Work signed in as this session's person; `message` is shown once the page is ready.
  async function begin(session, message) {
    forget();
    current = session;
    el.who.textContent = session.name;
    el.checking.hidden = true;
    el.signin.hidden = true;
    el.account.hidden = false;
    el.signout.disabled = false;
    const allowed = page.roles.has(session.role);
    el.workspace.hidden = !allowed;
    if (!allowed) {
      showAlert(session.name + " is signed in with the " + session.role + " role, and "
        + page.needs + ". Sign out, then sign in with your own " + page.account + " token.");
      return;
    }
    showAlert(message || "");
    await page.onBegin(session);
  }

  async function signOut() {
    if (!current) return;
    const csrf = current.csrf;
    el.signout.disabled = true;
    page.onPause(); // nothing may race the sign-out and report the ended session
    try {
      const response = await fetch("/logout", {
        method: "POST",
        headers: { [CSRF_HEADER]: csrf },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) throw new ApiFailure(response.status, response.statusText);
    } catch (err) {
      el.signout.disabled = false;
      const why = err instanceof ApiFailure ? "error " + err.status : "the server cannot be reached";
      showAlert("Could not sign out (" + why + "). You are still signed in; try again.");
      if (page.roles.has(current.role)) page.onResume();
      return;
    }
    forget();
    window.location.assign(page.signInUrl);
  }

  // On load: ask who is signed in (the browser sends the session cookie, if any).
  async function load() {
    let session;
    try {
      session = await readSession();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 0) {
        el.checking.textContent = "The server cannot be reached; trying again…";
        window.setTimeout(load, RETRY_MS);
      } else {
        showSignIn(failureText(err, "check who is signed in"));
      }
      return;
    }
    if (session === null) showSignIn("");
    else begin(session, "");
  }

  const nothing = () => undefined;

  // Start the page. Settings: home (the page's path, to come back to after /login), roles (who
  // may use it), needs ("the inbox needs an agent or admin account"), account ("agent"), work
  // ("keep working the queue"), onBegin(session) (load the page's data), onForget() (clear it),
  // and optional onPause() / onResume() around signing out (stop and restart polling).
  function start(settings) {
    page = {
      onPause: nothing, onResume: nothing, ...settings,
      roles: new Set(settings.roles),
      signInUrl: "/login?next=" + encodeURIComponent(settings.home),
    };
    el.signout.addEventListener("click", signOut);
    load();
  }

  return {
    start, api, postForm, showAlert, announce, failureText, detailText, parseTime, isHandled,
    ApiFailure,
    session: () => current,
    me: () => (current ? current.name : ""),
  };
})();
