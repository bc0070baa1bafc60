// The writing page (Areas/Admin/Views/Write): blocks added, moved and removed in place, moves from the keyboard
// (Alt+Arrow Up/Down) announced to screen readers, and autosave of what is typed into the editor's pending changes.
// Without this script the block buttons post the whole form and the server makes the same changes.
(() => {
    "use strict";
    const form = document.getElementById("write-form");
    if (!form) {
        return;
    }
    const announcer = document.getElementById("block-announcer");
    const status = document.getElementById("autosave-status");
    const expired = document.getElementById("signin-expired");
    const autosaveDelayMs = 3000;
    const retryMs = 5000;
    const names = { Sections: "Section", Facts: "Fact", Causes: "Cause", References: "Reference" };

    form.querySelectorAll(".no-script").forEach((element) => { element.hidden = true; });

    function announce(message) {
        announcer.textContent = "";
        // A new text node each time, so that the same message twice is read twice.
        setTimeout(() => { announcer.textContent = message; }, 50);
    }

    // The autosave state, kept up to date where the editor reads it; not a live region, which would speak at every
    // keystroke and pause. Only a failure to keep the text is announced.
    function setStatus(text) {
        if (status.textContent === text) return;
        status.textContent = text;
        if (text.startsWith("not kept")) announce(`Your text is ${text}.`);
    }

    function listOf(item) {
        return item.parentElement;
    }

    function itemsOf(list) {
        return Array.from(list.children).filter((child) => child.matches("li[data-list-item]"));
    }

    // Rewrites the index of one list ("Facts") in every name, id and button value under root.
    function renumberWithin(root, list, index) {
        const bracket = new RegExp(`${list}\\[\\d+\\]`, "g");
        const underscore = new RegExp(`${list}_\\d+__`, "g");
        const rewrite = (value) => value.replace(bracket, `${list}[${index}]`).replace(underscore, `${list}_${index}__`);
        const elements = [root, ...root.querySelectorAll("*")];
        for (const element of elements) {
            for (const attribute of ["name", "id", "for", "aria-describedby", "aria-labelledby", "data-preview", "data-checks"]) {
                const value = element.getAttribute(attribute);
                if (value) {
                    element.setAttribute(attribute, rewrite(value));
                }
            }
            if (element.matches("button[name='change']")) {
                element.value = rewrite(element.value);
            }
        }
    }

    function relabel(item, list, position, sectionPosition) {
        const name = names[list];
        const own = (element) => element.closest("li[data-list-item]") === item;
        item.querySelectorAll("[data-position]").forEach((element) => { if (own(element)) element.textContent = String(position); });
        // The label's own text, not its "(required)" mark.
        item.querySelectorAll("label").forEach((label) => {
            const text = label.firstChild;
            if (own(label) && text && text.nodeType === Node.TEXT_NODE) text.textContent = text.textContent.replace(new RegExp(`^${name} \\d+`), `${name} ${position}`);
        });
        // The field's preview and checks are named after its label ("Preview of Fact 2").
        item.querySelectorAll("[aria-label]").forEach((region) => {
            if (own(region)) region.setAttribute("aria-label", region.getAttribute("aria-label").replace(new RegExp(`\\b${name} \\d+`), `${name} ${position}`));
        });
        item.querySelectorAll(".visually-hidden").forEach((hidden) => {
            if (!own(hidden)) return;
            hidden.textContent = hidden.textContent
                .replace(new RegExp(`${name.toLowerCase()} \\d+`), `${name.toLowerCase()} ${position}`)
                .replace(/of section \d+/, `of section ${sectionPosition}`);
        });
    }

    function renumber() {
        const sections = form.querySelector("ol[data-list='Sections']");
        itemsOf(sections).forEach((section, s) => {
            renumberWithin(section, "Sections", s);
            relabel(section, "Sections", s + 1, s + 1);
            section.querySelectorAll("ol[data-list='Facts'], ol[data-list='Causes']").forEach((list) => {
                itemsOf(list).forEach((item, i) => {
                    renumberWithin(item, list.dataset.list, i);
                    relabel(item, list.dataset.list, i + 1, s + 1);
                });
            });
        });
        itemsOf(form.querySelector("ol[data-list='References']")).forEach((item, r) => renumberWithin(item, "References", r));
    }

    function describe(item) {
        const list = listOf(item);
        const position = itemsOf(list).indexOf(item) + 1;
        const name = names[list.dataset.list];
        if (list.dataset.list === "Facts" || list.dataset.list === "Causes") {
            const section = itemsOf(form.querySelector("ol[data-list='Sections']")).indexOf(list.closest("li[data-list-item='Sections']")) + 1;
            return { name, position, count: itemsOf(list).length, within: ` of section ${section}` };
        }
        if (list.dataset.list === "References") {
            return { name, position: item.querySelector("[data-reference-number]").textContent, count: itemsOf(list).length, within: "" };
        }
        return { name, position, count: itemsOf(list).length, within: "" };
    }

    function move(item, offset) {
        const list = listOf(item);
        const items = itemsOf(list);
        const from = items.indexOf(item);
        const to = from + offset;
        const { name } = describe(item);
        if (to < 0 || to >= items.length) {
            announce(`${name} ${from + 1} is already ${offset < 0 ? "first" : "last"}.`);
            return;
        }
        if (offset < 0) {
            list.insertBefore(item, items[to]);
        } else {
            list.insertBefore(item, items[to].nextSibling);
        }
        renumber();
        const now = describe(item);
        announce(`${name} moved ${offset < 0 ? "up" : "down"} to position ${now.position} of ${now.count}${now.within}.`);
        changed();
    }

    function remove(item) {
        const list = listOf(item);
        const { name, position, within } = describe(item);
        const items = itemsOf(list);
        const next = items[items.indexOf(item) + 1] || items[items.indexOf(item) - 1];
        item.remove();
        renumber();
        const focusTarget = next ? next.querySelector("input:not([type='hidden']), textarea, select") : list.parentElement.querySelector("[data-block-action='add']");
        if (focusTarget) focusTarget.focus();
        announce(`${name} ${position}${within} removed. It goes from the article when you save.`);
        changed();
    }

    function add(button) {
        const template = document.getElementById(button.dataset.template);
        const list = button.parentElement.querySelector("ol[data-list]");
        const item = template.content.firstElementChild.cloneNode(true);
        list.appendChild(item);
        if (list.dataset.list === "References") {
            // After the page's highest number, never one removed here (see ArticleBlocksForm.NumberedUpTo).
            const numberedUpTo = Number(list.parentElement.querySelector("input[data-numbered-up-to]")?.value) || 0;
            const numbers = Array.from(list.querySelectorAll("input[data-number]")).map((input) => Number(input.value) || 0);
            const number = Math.max(numberedUpTo, ...numbers) + 1;
            item.querySelector("input[data-number]").value = String(number);
            item.querySelector("[data-reference-number]").textContent = String(number);
            item.querySelectorAll(".visually-hidden").forEach((hidden) => { hidden.textContent = hidden.textContent.replace("(new)", String(number)); });
        }
        renumber();
        item.querySelectorAll("textarea[data-preview]").forEach((textarea) =>
            textarea.dispatchEvent(new CustomEvent("markdown-field-added", { bubbles: true })));
        const first = item.querySelector("input:not([type='hidden']), textarea, select");
        if (first) first.focus();
        const { name, position, within } = describe(item);
        announce(`${name} ${position}${within} added.`);
        changed();
    }

    form.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-block-action]");
        if (!button) return;
        event.preventDefault();
        const item = button.closest("li[data-list-item]");
        switch (button.dataset.blockAction) {
            case "up": move(item, -1); button.focus(); break;
            case "down": move(item, 1); button.focus(); break;
            case "remove": remove(item); break;
            case "add": add(button); break;
        }
    });

    form.addEventListener("keydown", (event) => {
        if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
        // On a select, Alt+Arrow Down opens its list of choices.
        if (event.target.matches("select")) return;
        const item = event.target.closest("li[data-list-item]");
        if (!item || !item.querySelector("[data-block-action='up']")) return;
        event.preventDefault();
        const focused = document.activeElement;
        move(item, event.key === "ArrowUp" ? -1 : 1);
        if (focused) focused.focus();
    });

    form.addEventListener("change", (event) => {
        if (!event.target.matches("select[data-section-kind]")) return;
        const section = event.target.closest("li[data-list-item='Sections']");
        section.querySelectorAll(".block-items").forEach((items) => {
            items.hidden = items.dataset.kind !== event.target.value && itemsOf(items.querySelector("ol")).length === 0;
        });
    });

    // Autosave: every change counts; a save that started before the latest change leaves the page dirty.
    let edits = 0;
    let kept = 0;
    let timer = 0;
    let saving = false;
    let submitting = false;
    let signInExpired = false;

    function changed() {
        edits++;
        setStatus("not yet kept");
        clearTimeout(timer);
        timer = setTimeout(keep, autosaveDelayMs);
    }

    // The site says why in a sentence of its own; in the status it is a clause: no full stop, no capital after the colon.
    function clause(sentence) {
        const text = sentence.trim().replace(/[.!]+$/, "");
        return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
    }

    let keeping = Promise.resolve();

    // always: send the page even when nothing changed since the last keep (a save asks whether the sign-in still holds).
    function keep(always = false) {
        keeping = keeping.then(() => send(always));
        return keeping;
    }

    async function send(always) {
        clearTimeout(timer);
        if (saving || (kept === edits && !always)) return;
        saving = true;
        const upTo = edits;
        try {
            const response = await fetch(form.dataset.autosaveUrl, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { "Accept": "application/json" },
                redirect: "error",
            });
            if (response.status === 401) {
                signInExpired = true;
                expired.hidden = false;
                setStatus("not kept: sign in again");
                timer = setTimeout(keep, retryMs);
                return;
            }
            if (!response.ok) {
                const answer = await response.json().catch(() => null);
                setStatus(`not kept: ${answer?.error ? clause(answer.error) : "the server refused it"}; your text is still here`);
                timer = setTimeout(keep, retryMs);
                return;
            }
            const answer = await response.json();
            kept = Math.max(kept, upTo);
            signInExpired = false;
            expired.hidden = true;
            setStatus(kept === edits
                ? `kept at ${new Date(answer.savedAt).toLocaleTimeString()}`
                : "not yet kept");
            if (kept !== edits) timer = setTimeout(keep, autosaveDelayMs);
        } catch {
            setStatus("not kept: no connection; trying again");
            timer = setTimeout(keep, retryMs);
        } finally {
            saving = false;
        }
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", (event) => { if (event.target.matches("select")) changed(); });
    form.addEventListener("focusout", () => { if (kept !== edits) keep(); });
    window.addEventListener("online", () => keep());

    // Saving first keeps the page, which also finds out whether the sign-in still holds: if it does not, a post now
    // would land on the sign-in page, so what is typed stays here (and is kept once signed in again).
    let checking = false;
    form.addEventListener("submit", async (event) => {
        if (submitting) return;
        event.preventDefault();
        if (checking) return;
        checking = true;
        try {
            await keep(true);
        } finally {
            checking = false;
        }
        if (signInExpired) {
            expired.hidden = false;
            expired.focus();
            return;
        }
        submitting = true;
        form.requestSubmit(event.submitter);
    });

    window.addEventListener("beforeunload", (event) => {
        if (!submitting && kept !== edits) {
            event.preventDefault();
            event.returnValue = "";
        }
    });
})();
