// Formatting help for every Markdown field (each textarea with data-preview): a toolbar with keyboard shortcuts, a
// citation picker (a <dialog> listing the article's references, which can add one), and paste from a word processor
// (pasted HTML is turned into Markdown by the server, Editing/PastedHtml). Without JavaScript the fields stay plain.
(() => {
    "use strict";

    function tokenFor(form) {
        const input = form && form.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    }

    // Inserting through the editing commands keeps the browser's undo history and fires "input" (the live preview).
    function replaceSelection(textarea, text, selectFrom, selectTo) {
        const start = textarea.selectionStart;
        textarea.focus();
        if (!document.execCommand("insertText", false, text)) {
            textarea.setRangeText(text, start, textarea.selectionEnd, "end");
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
        }
        if (selectFrom !== undefined) {
            textarea.setSelectionRange(start + selectFrom, start + selectTo);
        }
    }

    function wrap(textarea, before, after, placeholder) {
        const selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
        const inner = selected || placeholder;
        replaceSelection(textarea, before + inner + after, before.length, before.length + inner.length);
    }

    function link(textarea) {
        const selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
        if (/^https?:\/\/\S+$/.test(selected)) {
            replaceSelection(textarea, `[link text](${selected})`, 1, 10);
        } else {
            const text = selected || "link text";
            replaceSelection(textarea, `[${text}](https://)`, text.length + 3, text.length + 11);
        }
    }

    // Prefixes every line the selection touches ("- ", "1. ", "> "), taking in whole lines.
    function prefixLines(textarea, prefixFor) {
        const value = textarea.value;
        const start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
        let end = value.indexOf("\n", Math.max(textarea.selectionEnd - (textarea.selectionEnd > start ? 1 : 0), start));
        if (end < 0) {
            end = value.length;
        }
        const lines = value.slice(start, end).split("\n").map((line, i) => prefixFor(i) + line);
        textarea.setSelectionRange(start, end);
        const text = lines.join("\n");
        replaceSelection(textarea, text, text.length, text.length);
    }

    const actions = [
        { name: "Bold", label: "Bold", key: "B", run: t => wrap(t, "**", "**", "bold text") },
        { name: "Italic", label: "Italic", key: "I", run: t => wrap(t, "*", "*", "italic text") },
        { name: "Link", label: "Link", key: "K", run: link },
        { name: "Bulleted list", label: "List", run: t => prefixLines(t, () => "- ") },
        { name: "Numbered list", label: "Numbered", run: t => prefixLines(t, i => `${i + 1}. `) },
        { name: "Quote", label: "Quote", run: t => prefixLines(t, () => "> ") },
    ];

    function button(text, name) {
        const element = document.createElement("button");
        element.type = "button";
        element.className = "toolbar-button";
        element.textContent = text;
        if (name !== text) {
            element.setAttribute("aria-label", name);
        }
        return element;
    }

    // Made on first use, so that pages without a citation button carry no dialog.
    let dialogPicker = null;
    const picker = { open: (...args) => (dialogPicker ??= createPicker()).open(...args) };

    // Block Markdown (headings, lists, tables, quotes, several paragraphs) only reads as such on lines of its own: pasted
    // into a line, it gets a blank line before it, and after it when text follows.
    function separateBlocks(markdown, before, after) {
        const text = markdown.replace(/\s+$/, "");
        if (!/\n|^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\|)/.test(text)) {
            return markdown;
        }
        const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
        const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
        return lead + text + trail;
    }

    function attach(textarea) {
        const form = textarea.form;
        const toolbar = document.createElement("div");
        toolbar.className = "markdown-toolbar";
        toolbar.setAttribute("role", "group");
        toolbar.setAttribute("aria-label", `Formatting: ${textarea.labels.length ? textarea.labels[0].firstChild.textContent : "Markdown"}`);
        for (const action of actions) {
            const element = button(action.label, action.name);
            if (action.key) {
                element.title = `${action.name} (Ctrl+${action.key} or ⌘${action.key})`;
                element.setAttribute("aria-keyshortcuts", `Control+${action.key} Meta+${action.key}`);
            }
            element.addEventListener("click", () => action.run(textarea));
            toolbar.append(element);
        }
        const citationsUrl = form && form.dataset.citationsUrl;
        if (citationsUrl) {
            const cite = button("Citation", "Insert citation");
            cite.setAttribute("aria-haspopup", "dialog");
            cite.addEventListener("click", () => picker.open(textarea, citationsUrl, tokenFor(form), cite));
            toolbar.append(cite);
        }
        textarea.before(toolbar);

        textarea.addEventListener("keydown", event => {
            if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
                return;
            }
            const action = actions.find(a => a.key && a.key === event.key.toUpperCase());
            if (action) {
                event.preventDefault();
                action.run(textarea);
            }
        });

        const pasteUrl = textarea.dataset.pasteUrl;
        let pasteProblem = null;
        textarea.addEventListener("paste", event => {
            const data = event.clipboardData;
            const html = data && data.getData("text/html");
            if (!pasteUrl || !html) {
                return; // Plain text is pasted as it is.
            }
            event.preventDefault();
            const plain = data.getData("text/plain");
            const start = textarea.selectionStart;
            const end = textarea.selectionEnd;
            const body = new FormData();
            body.append("html", html);
            textarea.setAttribute("aria-busy", "true");
            if (pasteProblem) {
                pasteProblem.textContent = "";
            }
            fetch(pasteUrl, { method: "POST", body, headers: { "RequestVerificationToken": tokenFor(form) }, credentials: "same-origin" })
                .then(async response => {
                    if (response.ok) {
                        return response.text();
                    }
                    // A refused paste (too deeply nested, too large) says why; the text still goes in, unformatted.
                    const answer = await response.json().catch(() => ({}));
                    if (!pasteProblem) {
                        pasteProblem = document.createElement("p");
                        pasteProblem.className = "field-error";
                        pasteProblem.setAttribute("role", "alert");
                        textarea.after(pasteProblem);
                    }
                    pasteProblem.textContent = `${answer.error || "The formatting could not be converted."} It was pasted as plain text.`;
                    return plain;
                })
                .catch(() => plain)
                .then(markdown => {
                    textarea.removeAttribute("aria-busy");
                    textarea.setSelectionRange(start, end);
                    replaceSelection(textarea, separateBlocks(markdown, textarea.value.slice(0, start), textarea.value.slice(end)));
                });
        });
    }

    // One dialog serves every field; it remembers which field and cursor opened it.
    function createPicker() {
        const dialog = document.createElement("dialog");
        dialog.className = "citation-picker";
        dialog.setAttribute("aria-labelledby", "citation-picker-title");
        dialog.innerHTML = `
            <h2 id="citation-picker-title">Insert a citation</h2>
            <label for="citation-picker-filter">Find a reference</label>
            <input type="search" id="citation-picker-filter" autocomplete="off" aria-describedby="citation-picker-count">
            <p class="hint" id="citation-picker-count" aria-live="polite"></p>
            <ul class="citation-picker-list"></ul>
            <form class="citation-picker-new" novalidate>
                <fieldset>
                    <legend>Add a new reference</legend>
                    <p class="citation-picker-problem" role="alert"></p>
                    <div class="field"><label for="new-reference-Kind">Kind</label>
                        <select id="new-reference-Kind" name="kind"><option value="0">Journal article</option><option value="1">Book</option><option value="2">Web page</option></select></div>
                    <div class="field"><label for="new-reference-AuthorNames">Authors</label>
                        <p class="hint" id="new-reference-AuthorNames-hint">One name a line: surname and initials, e.g. “Vighi G”.</p>
                        <textarea id="new-reference-AuthorNames" name="authorNames" rows="2" aria-describedby="new-reference-AuthorNames-hint"></textarea></div>
                    <div class="checkbox"><input type="checkbox" id="new-reference-EtAl" name="etAl" value="true"><label for="new-reference-EtAl">More authors follow (“et al.”)</label></div>
                    <div class="field"><label for="new-reference-Title">Title</label><input id="new-reference-Title" name="title" autocomplete="off"></div>
                    <div class="field"><label for="new-reference-Year">Year</label><input id="new-reference-Year" name="year" inputmode="numeric" autocomplete="off"></div>
                    <div class="field"><label for="new-reference-Url">Web address</label><input id="new-reference-Url" name="url" type="url" autocomplete="off"></div>
                    <div class="field"><label for="new-reference-Doi">DOI</label><input id="new-reference-Doi" name="doi" autocomplete="off"></div>
                    <button type="submit" class="button secondary">Add and cite</button>
                </fieldset>
            </form>
            <button type="button" class="button secondary citation-picker-close">Close</button>`;
        document.body.append(dialog);
        const filter = dialog.querySelector("#citation-picker-filter");
        const count = dialog.querySelector("#citation-picker-count");
        const list = dialog.querySelector(".citation-picker-list");
        const newForm = dialog.querySelector(".citation-picker-new");
        const problem = dialog.querySelector(".citation-picker-problem");
        let state = null;

        function render() {
            const words = filter.value.trim().toLowerCase();
            const shown = state.references.filter(r =>
                !words || `${r.number} ${r.authors} ${r.title} ${r.year ?? ""}`.toLowerCase().includes(words));
            list.replaceChildren(...shown.map(reference => {
                const item = document.createElement("li");
                const choice = document.createElement("button");
                choice.type = "button";
                choice.className = "link-button";
                choice.textContent = `[${reference.number}] ${reference.authors.replace(/\.$/, "")}. ${reference.title}${reference.year ? ` (${reference.year})` : ""}`;
                choice.addEventListener("click", () => insert(reference.number));
                item.append(choice);
                return item;
            }));
            count.textContent = state.references.length === 0 ? "This article has no references yet."
                : `${shown.length} of ${state.references.length} references shown.`;
            return shown;
        }

        function insert(number) {
            const { textarea, start, end } = state;
            state.returnTo = textarea;
            dialog.close();
            textarea.setSelectionRange(start, end);
            replaceSelection(textarea, `[${number}]`);
        }

        function clearProblems() {
            problem.textContent = "";
            newForm.querySelectorAll("[aria-invalid]").forEach(input => {
                input.removeAttribute("aria-invalid");
                if (input.dataset.hint) {
                    input.setAttribute("aria-describedby", input.dataset.hint);
                } else {
                    input.removeAttribute("aria-describedby");
                }
            });
            newForm.querySelectorAll(".field-error").forEach(message => message.remove());
        }

        function showProblems(errors) {
            const general = [];
            for (const [key, messages] of Object.entries(errors || {})) {
                const input = newForm.querySelector(`#new-reference-${key.charAt(0).toUpperCase()}${key.slice(1)}`);
                if (!input) {
                    general.push(...messages);
                    continue;
                }
                const message = document.createElement("span");
                message.className = "field-error";
                message.id = `${input.id}-error`;
                message.textContent = messages.join(" ");
                input.before(message);
                input.setAttribute("aria-invalid", "true");
                // A field's own hint stays described after its error message.
                input.dataset.hint = input.dataset.hint ?? input.getAttribute("aria-describedby") ?? "";
                input.setAttribute("aria-describedby", `${message.id} ${input.dataset.hint}`.trim());
            }
            problem.textContent = general.join(" ") || "The reference was not added: correct the fields marked below.";
            (newForm.querySelector("[aria-invalid]") || filter).focus();
        }

        filter.addEventListener("input", render);
        filter.addEventListener("keydown", event => {
            if (event.key === "Enter") {
                event.preventDefault();
                const first = list.querySelector("button");
                if (first) {
                    first.click();
                }
            }
        });
        dialog.querySelector(".citation-picker-close").addEventListener("click", () => dialog.close());
        dialog.addEventListener("close", () => state && (state.returnTo || state.opener).focus());

        newForm.addEventListener("submit", async event => {
            event.preventDefault();
            clearProblems();
            const value = name => newForm.elements[name].value.trim();
            const year = value("year");
            const reference = {
                version: state.version,
                number: Math.max(0, ...state.references.map(r => r.number)) + 1,
                kind: Number(value("kind")),
                authorNames: value("authorNames"),
                etAl: newForm.elements.etAl.checked,
                title: value("title"),
                year: /^\d+$/.test(year) ? Number(year) : null,
                url: value("url") || null,
                doi: value("doi") || null,
            };
            if (year && reference.year === null) {
                showProblems({ year: ["Enter a four-digit year."] });
                return;
            }
            try {
                const response = await fetch(state.url, {
                    method: "POST",
                    body: JSON.stringify(reference),
                    headers: { "Content-Type": "application/json", "RequestVerificationToken": state.token },
                    credentials: "same-origin",
                });
                const answer = await response.json();
                if (response.ok) {
                    newForm.reset();
                    insert(answer.reference.number);
                } else if (response.status === 400 && answer.errors) {
                    showProblems(answer.errors);
                } else {
                    problem.textContent = answer.error || "The reference was not added. Try again.";
                }
            } catch {
                problem.textContent = "The reference was not added: the site could not be reached. Try again.";
            }
        });

        return {
            async open(textarea, url, token, opener) {
                state = { textarea, url, token, opener, start: textarea.selectionStart, end: textarea.selectionEnd, version: 0, references: [] };
                filter.value = "";
                clearProblems();
                count.textContent = "Loading the references…";
                list.replaceChildren();
                dialog.showModal();
                filter.focus();
                try {
                    const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
                    const data = await response.json();
                    state.version = data.version;
                    state.references = data.references;
                    render();
                } catch {
                    count.textContent = "The references could not be loaded. Close the dialog and try again.";
                }
            },
        };
    }

    document.querySelectorAll("textarea[data-preview]").forEach(attach);
    // Fields added to a page later (the writing page's new blocks) announce themselves.
    document.addEventListener("markdown-field-added", event => attach(event.target));
})();
