// Admin enhancements; every page works without them. Live preview of Markdown fields: each textarea with data-preview is rendered by the server's
// reader pipeline as the editor types. Without JavaScript the "Preview without saving" button does the same.
(() => {
    "use strict";
    const delayMs = 400;

    function tokenFor(form) {
        const input = form.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    }

    function attach(textarea) {
        const form = textarea.form;
        const output = document.getElementById(textarea.dataset.preview);
        const previewUrl = form && form.dataset.previewUrl;
        if (!output || !previewUrl) {
            return;
        }
        let timer = 0;
        let latest = 0;
        const render = async () => {
            const request = ++latest;
            const body = new FormData();
            body.append("markdown", textarea.value);
            try {
                const response = await fetch(previewUrl, {
                    method: "POST",
                    body,
                    headers: { "RequestVerificationToken": tokenFor(form) },
                    credentials: "same-origin",
                });
                if (request === latest && response.ok) {
                    output.innerHTML = await response.text();
                }
            } catch {
                // Preview is a convenience: saving still works without it.
            }
        };
        textarea.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(render, delayMs);
        });
        render();
    }

    document.querySelectorAll("textarea[data-preview]").forEach(attach);
    // Fields added to a page later (the writing page's new blocks) announce themselves.
    document.addEventListener("markdown-field-added", (event) => attach(event.target));

    // After a refused save, take keyboard and screen-reader users straight to the list of problems.
    const summary = document.querySelector(".error-summary");
    if (summary) {
        summary.focus();
    }
})();
