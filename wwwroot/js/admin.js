// Admin enhancements; every page works without them. Live preview of Markdown fields: each textarea with data-preview is rendered by the server's
// reader pipeline as the editor types. Without JavaScript the "Preview without saving" button does the same. Live content checks: each
// textarea with data-checks in a form with data-checks-url gets its findings as the editor types; without JavaScript the article's
// content checks panel shows them after saving.
(() => {
    "use strict";
    const delayMs = 400;

    function tokenFor(form) {
        const input = form.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    }

    // Posts the textarea's text to url as the editor types (debounced) and puts the answer into output; only the
    // answer to the latest request is shown, so a slow early answer never overwrites a later one.
    function attach(textarea, url, output, onShown) {
        const form = textarea.form;
        if (!output || !url) {
            return;
        }
        let timer = 0;
        let latest = 0;
        const render = async () => {
            const request = ++latest;
            const body = new FormData();
            body.append("markdown", textarea.value);
            try {
                const response = await fetch(url, {
                    method: "POST",
                    body,
                    headers: { "RequestVerificationToken": tokenFor(form) },
                    credentials: "same-origin",
                });
                if (request === latest && response.ok) {
                    output.innerHTML = await response.text();
                    if (onShown) {
                        onShown();
                    }
                }
            } catch {
                // Preview and checks are a convenience: saving still works without them.
            }
        };
        textarea.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(render, delayMs);
        });
        render();
    }

    // One short live message for the whole page: the preview and checks regions themselves are not live, or a screen
    // reader would read a whole section again at every pause in the typing.
    const announcer = document.createElement("p");
    announcer.id = "checks-announcer";
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    document.body.append(announcer);

    // The live preview of a Markdown field and, where its form has a data-checks-url, its live content checks
    // (readability, uncited claims, accessibility), shown once the first answer arrives. A change in the number of
    // findings is announced by the region's name ("Content checks of Text: 2 findings").
    function attachField(textarea) {
        attach(textarea, textarea.form && textarea.form.dataset.previewUrl, document.getElementById(textarea.dataset.preview));
        const checks = textarea.dataset.checks && document.getElementById(textarea.dataset.checks);
        if (checks) {
            let findings = null;
            attach(textarea, textarea.form && textarea.form.dataset.checksUrl, checks, () => {
                checks.hidden = false;
                const count = checks.querySelectorAll(".findings > li").length;
                if (findings !== null && count !== findings) {
                    announcer.textContent = `${checks.getAttribute("aria-label")}: ${count === 0 ? "no findings" : count === 1 ? "1 finding" : `${count} findings`}.`;
                }
                findings = count;
            });
        }
    }

    document.querySelectorAll("textarea[data-preview]").forEach(attachField);
    // Fields added to a page later (the writing page's new blocks) announce themselves.
    document.addEventListener("markdown-field-added", (event) => attachField(event.target));

    // A paste longer than a field's maxlength is cut by the browser without a word: say so under the field (and aloud),
    // so that the editor knows text was left out, until the field is next changed. A paste the toolbar handled itself
    // (converted HTML) is not cut. Characters are counted as people count them (an emoji is one), not in UTF-16 units
    // as maxlength is.
    const cutNoteOf = (field) => document.getElementById(`${field.id || field.name}-cut`);
    function dropCutNote(field) {
        const note = cutNoteOf(field);
        if (note) {
            note.remove();
            const described = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== note.id).join(" ");
            if (described) {
                field.setAttribute("aria-describedby", described);
            } else {
                field.removeAttribute("aria-describedby");
            }
        }
    }
    document.addEventListener("paste", (event) => {
        const field = event.target;
        if (event.defaultPrevented || !(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || field.maxLength < 0) {
            return;
        }
        dropCutNote(field);
        const pasted = event.clipboardData ? event.clipboardData.getData("text/plain").replace(/\r\n/g, "\n") : "";
        const room = Math.max(field.maxLength - field.value.length + Math.abs((field.selectionEnd ?? 0) - (field.selectionStart ?? 0)), 0);
        if (pasted.length <= room) {
            return;
        }
        // The browser keeps whole characters only: a pair cut in two is left out.
        const kept = pasted.slice(0, room).replace(/[\uD800-\uDBFF]$/, "");
        const note = document.createElement("p");
        note.id = `${field.id || field.name}-cut`;
        note.className = "field-error";
        note.textContent = `Only ${[...kept].length.toLocaleString("en")} of the ${[...pasted].length.toLocaleString("en")} characters pasted fit: `
            + "the rest was left out.";
        field.after(note);
        field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
        announcer.textContent = note.textContent;
        // Any change but the paste's own insertion makes the note out of date (a later paste drops it above).
        const onChange = (change) => {
            if (change.inputType !== "insertFromPaste") {
                dropCutNote(field);
                field.removeEventListener("input", onChange);
            }
        };
        field.addEventListener("input", onChange);
    });

    // After a refused save, take keyboard and screen-reader users straight to the list of problems.
    const summary = document.querySelector(".error-summary");
    if (summary) {
        summary.focus();
    }
})();
