// The room's phone page: join with the code, then follow the projector's step.
// Everything the room typed is put on the page as text (textContent), never as HTML.
"use strict";

const POLL_MS = 1200;
const $ = (id) => document.getElementById(id);
let strings = { zh: {}, en: {} };
let lang = "zh";
let token = localStorage.getItem("workshop-token") || "";
let code = "";
let version = "";
let view = null;
let board = "";
let chosenTeam = "";
let teamsSeen = [];
let editing = "";
let busy = false;
let timer = 0;

function s(key, values) {
  let text = (strings[lang] && strings[lang][key]) || strings.en[key] || key;
  for (const [name, value] of Object.entries(values || {})) {
    text = text.split("{" + name + "}").join(String(value));
    // a count and its words, as the app's catalogs write them: {n:=card|cards} is "1 card",
    // "3 cards"; {n:~is|are} the words alone
    text = text.replace(new RegExp("\\{" + name + ":([=~])([^|}]*)\\|([^}]*)\\}", "g"),
      (_, mark, one, other) => {
        const words = String(value) === "1" ? one : other;
        return mark === "~" ? words : value + " " + words;
      });
  }
  return text;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function button(text, onClick, className) {
  const node = el("button", text, className);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

function nonce() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function toast(text, bad) {
  const box = $("toast");
  box.textContent = text;
  box.className = bad ? "bad" : "";
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, bad ? 5000 : 2000);
}

function translate() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-s]")) node.textContent = s(node.dataset.s);
  $("code").placeholder = s("code_placeholder");
  $("name").placeholder = s("name_placeholder");
  $("card-text").placeholder = s("card_placeholder");
  $("question-text").placeholder = s("ask_placeholder");
}

function show(section) {
  for (const id of ["join", "stage", "closed"]) $(id).hidden = id !== section;
  $("leave").hidden = section !== "stage";
}

async function call(method, path, body) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  const options = { method, headers, cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    show("closed");
    throw error;
  }
  let data = {};
  try { data = await response.json(); } catch (error) { data = {}; }
  if (response.status === 401 && path !== "/api/hello" && path !== "/api/join") {
    signedOut();
  }
  if (!response.ok) {
    const error = new Error(data.message || s("error_generic"));
    error.status = response.status;
    throw error;
  }
  return data;
}

function signedOut() {
  token = "";
  localStorage.removeItem("workshop-token");
  view = null;
  version = "";
  startJoin();
  toast(s("signed_out"), true);
}

// -- joining ------------------------------------------------------------------------------
function startJoin() {
  show("join");
  $("teams-box").hidden = true;
  $("code").value = code;
  if (code) checkCode();
}

async function checkCode() {
  code = $("code").value.trim();
  if (!code) return;
  try {
    const hello = await call("POST", "/api/hello", { code });
    lang = hello.lang || lang;
    translate();
    $("title").textContent = hello.title || "";
    showTeams(hello.teams || []);
  } catch (error) {
    if (error.status) toast(error.message, true);
  }
}

function showTeams(teams) {
  teamsSeen = teams;
  const box = $("teams");
  box.replaceChildren();
  for (const team of teams) {
    const choice = button(team.name, () => chooseTeam(team.id));
    choice.style.setProperty("--team", team.color);
    choice.dataset.team = team.id;
    choice.setAttribute("aria-pressed", String(team.id === chosenTeam));
    box.append(choice);
  }
  $("teams-box").hidden = false;
  $("code-box").hidden = true;
  $("check-code").hidden = true;
  chooseTeam(chosenTeam);
}

function chooseTeam(teamId) {
  chosenTeam = teamId;
  for (const choice of $("teams").children) {
    choice.setAttribute("aria-pressed", String(choice.dataset.team === teamId));
  }
  const team = teamsSeen.find((t) => t.id === teamId);
  const select = $("member");
  select.replaceChildren(new Option(s("member_none"), ""));
  for (const member of (team ? team.members : [])) {
    const option = new Option(member.taken ? s("member_taken", { name: member.name })
                                           : member.name, member.id);
    option.disabled = member.taken;
    select.append(option);
  }
  $("member-box").hidden = !team || !team.members.length;
  $("join-button").disabled = !team;
}

async function join() {
  if (busy || !chosenTeam) return;
  busy = true;
  try {
    const body = { code, team: chosenTeam };
    if ($("member").value) body.member = $("member").value;
    if ($("name").value.trim()) body.name = $("name").value.trim();
    const answer = await call("POST", "/api/join", body);
    token = answer.token;
    localStorage.setItem("workshop-token", token);
    history.replaceState(null, "", location.pathname);  // the code leaves the address bar
    accept(answer);
  } catch (error) {
    if (error.status) toast(error.message, true);
  } finally {
    busy = false;
  }
}

// -- following the projector ----------------------------------------------------------------
async function poll() {
  clearTimeout(timer);
  if (token && !document.hidden) {
    try {
      const answer = await call("GET", "/api/state?v=" + encodeURIComponent(version));
      accept(answer);
    } catch (error) {
      if (error.status === 429) { /* slowed down: try again at the next beat */ }
    }
  }
  timer = setTimeout(poll, POLL_MS);
}

function accept(answer) {
  version = answer.v || "";
  if (answer.same) { if ($("stage").hidden) show("stage"); return; }
  view = answer.view;
  if (view.lang && view.lang !== lang) { lang = view.lang; translate(); }
  render();
}

function render() {
  if (!view) return;
  show("stage");
  $("title").textContent = view.title;
  $("step").textContent = view.step_name;
  const who = view.team ? view.team.name + (view.member ? " · " + view.member : "") : "";
  $("who").textContent = who;
  if (view.team) $("who").style.setProperty("--team", view.team.color);
  $("focus").hidden = !view.focus;
  $("focus").textContent = view.focus ? s("focus", { question: view.focus }) : "";
  renderBoards();
  renderBallot();
  renderQuestions();
  $("idle").hidden = !!(view.boards.length || view.ballot || view.questions);
}

function renderBoards() {
  const boards = view.boards;
  $("boards").hidden = !boards.length;
  if (!boards.length) return;
  if (!boards.some((b) => b.key === board)) board = boards[0].key;
  const tabs = $("board-tabs");
  tabs.replaceChildren();
  if (boards.length > 1) {
    for (const b of boards) {
      const tab = button(b.title, () => { board = b.key; editing = ""; renderBoards(); });
      tab.setAttribute("aria-pressed", String(b.key === board));
      tabs.append(tab);
    }
  }
  const current = boards.find((b) => b.key === board);
  const note = current.locked ? s("locked") : current.hidden ? s("hidden_note") : "";
  $("board-note").textContent = note;
  $("board-note").hidden = !note;
  $("card-text").disabled = current.locked;
  $("add-card").disabled = current.locked;
  $("add-card").textContent = boards.length > 1 ? s("add_card_to", { board: current.title })
                                                : s("add_card");
  const mine = $("mine");
  mine.replaceChildren();
  if (!current.mine.length) mine.append(el("li", s("no_cards_yet"), "empty"));
  for (const card of current.mine) mine.append(myCard(card, current.locked));
  $("others-title").textContent = s("others_cards", { count: current.others_total });
  const others = $("others");
  others.replaceChildren();
  for (const text of current.others) others.append(el("li", text));
  if (current.hidden_others) others.append(el("li", s("others_hidden", { count: current.hidden_others }), "empty"));
}

function myCard(card, locked) {
  const item = el("li");
  item.dataset.card = card.id;
  if (card.hidden) item.append(el("span", s("hidden_badge"), "badge"), el("br"));
  if (editing === card.id) {
    const box = el("textarea");
    box.value = card.text;
    box.rows = 3;
    box.maxLength = 5000;
    item.append(box);
    const actions = el("div", null, "card-actions");
    actions.append(button(s("save"), () => change("POST", "/api/cards/" + card.id + "/edit",
                                                  { text: box.value }, () => { editing = ""; })),
                   button(s("cancel"), () => { editing = ""; renderBoards(); }));
    item.append(actions);
    return item;
  }
  item.append(el("span", card.text, "text"));
  if (!locked) {
    const actions = el("div", null, "card-actions");
    actions.append(button(s("edit"), () => { editing = card.id; renderBoards(); }),
                   button(s("withdraw"), () => change("POST", "/api/cards/" + card.id + "/withdraw", {})));
    item.append(actions);
  }
  return item;
}

function renderBallot() {
  const ballot = view.ballot;
  $("ballot").hidden = !ballot;
  if (!ballot) return;
  $("ballot-title").textContent = ballot.title;
  $("ballot-left").textContent = ballot.needs_member ? ""
    : s("dots_left", { left: ballot.left, allowed: ballot.allowed });
  const note = ballot.needs_member ? s("pick_member") : ballot.locked ? s("locked")
    : ballot.shown ? "" : s("tally_hidden");
  $("ballot-note").textContent = note;
  $("ballot-note").hidden = !note;
  const list = $("items");
  list.replaceChildren();
  const closed = ballot.locked || ballot.needs_member;
  for (const item of ballot.items) {
    const row = el("li");
    row.dataset.item = item.id;
    row.append(el("span", item.name, "name"));
    if (item.tally !== undefined) row.append(el("span", s("tally", { count: item.tally }), "tally"));
    row.append(el("span", "●".repeat(item.mine), "dots"));
    const less = button("−", () => dot(ballot.key, item.id, true), "vote-down");
    less.disabled = closed || !item.mine;
    less.setAttribute("aria-label", s("dot_remove"));
    const more = button("+", () => dot(ballot.key, item.id, false), "vote-up");
    more.disabled = closed || !ballot.left;
    more.setAttribute("aria-label", s("dot_add"));
    row.append(less, more);
    list.append(row);
  }
}

function renderQuestions() {
  const questions = view.questions;
  $("questions").hidden = !questions;
  if (!questions) return;
  $("questions-title").textContent = questions.presenting
    ? s("questions_for", { team: questions.presenting }) : s("nobody_presenting");
  $("questions-note").textContent = questions.locked ? s("locked") : "";
  $("questions-note").hidden = !questions.locked;
  $("question-text").disabled = questions.locked || !questions.presenting;
  $("ask").disabled = questions.locked || !questions.presenting;
  const list = $("question-list");
  list.replaceChildren();
  if (!questions.items.length) list.append(el("li", s("no_questions"), "empty"));
  for (const q of questions.items) {
    const row = el("li");
    row.dataset.question = q.id;
    row.append(el("span", q.text, "name"), el("span", s("upvotes", { count: q.upvotes }), "tally"));
    if (q.mine) {
      const withdraw = button(s("withdraw"), () => change("POST", "/api/questions/" + q.id + "/withdraw", {}));
      withdraw.disabled = questions.locked;
      row.append(withdraw);
    } else {
      const up = button("▲", () => change("POST", "/api/questions/" + q.id + "/upvote",
                                          { on: !q.upvoted }), "vote-up");
      up.setAttribute("aria-pressed", String(q.upvoted));
      up.setAttribute("aria-label", s(q.upvoted ? "upvoted" : "upvote"));
      up.disabled = questions.locked;
      row.append(up);
    }
    list.append(row);
  }
  $("asked-title").hidden = !questions.asked.length;
  const asked = $("asked");
  asked.replaceChildren();
  for (const text of questions.asked) asked.append(el("li", text));
}

// -- changes ----------------------------------------------------------------------------------
async function change(method, path, body, then) {
  if (busy) return false;
  busy = true;
  try {
    const answer = await call(method, path, { ...body, nonce: nonce() });
    if (then) then(answer);
    accept(answer);
    return true;
  } catch (error) {
    if (error.status) toast(error.message, true);
    return false;
  } finally {
    busy = false;
  }
}

async function addCard() {
  const text = $("card-text").value.trim();
  if (!text || !view) return;
  const ok = await change("POST", "/api/cards", { step: view.step, board, text });
  if (ok) { $("card-text").value = ""; toast(s("added")); }
}

function dot(ballot, item, takeBack) {
  return change("POST", "/api/dots", { ballot, item, take_back: takeBack });
}

async function ask() {
  const text = $("question-text").value.trim();
  if (!text) return;
  const ok = await change("POST", "/api/questions", { text });
  if (ok) { $("question-text").value = ""; toast(s("asked_done")); }
}

async function leave() {
  if (!confirm(s("leave_confirm"))) return;
  try { await call("POST", "/api/leave", {}); } catch (error) { /* gone already */ }
  token = "";
  localStorage.removeItem("workshop-token");
  startJoin();
}

async function start() {
  try {
    strings = await (await fetch("/strings.json", { cache: "no-store" })).json();
  } catch (error) { /* the words stay as keys; the page still works */ }
  const fromLink = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (fromLink) code = fromLink;
  translate();
  $("check-code").addEventListener("click", checkCode);
  $("join-button").addEventListener("click", join);
  $("add-card").addEventListener("click", addCard);
  $("ask").addEventListener("click", ask);
  $("leave").addEventListener("click", leave);
  $("retry").addEventListener("click", () => { version = ""; token ? poll() : startJoin(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
  if (token) {
    try {
      accept(await call("GET", "/api/state"));
    } catch (error) { /* signed out (the join form is up) or closed (said so) */ }
  } else {
    startJoin();
  }
  poll();
}

start();
