// Permit console — direct uploads of application documents (plain ES2020, no dependencies; served from
// /console/assets/upload.js, so the CSP needs no inline script).
// For each form marked `data-upload`: ask the console for a presigned POST (its policy pins the exact size and type),
// send the file straight to storage with a progress bar (XMLHttpRequest upload events), then ask the console to run
// the API's check, and show the result (accepted, or the Chinese message of the refusal's code) in the form's
// live region. When the check answers, the page is drawn again from the server so every status is current.
(() => {
  const zh = document.documentElement.lang !== 'en';
  const say = (z, e) => (zh ? z : e);

  const post = async (url, fields, csrf) => {
    const body = new URLSearchParams({ _csrf: csrf, ...fields });
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const json = await res.json().catch(() => ({}));
    return { ok: res.ok, json };
  };

  const send = (grant, file, progress) =>
    new Promise((resolve, reject) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(grant.fields)) data.append(name, value);
      data.append('file', file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', grant.url);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) {
          const percent = Math.round((e.loaded / e.total) * 100);
          progress.value = percent;
          progress.textContent = `${percent}%`;
        }
      });
      xhr.addEventListener('load', () => (xhr.status < 300 ? resolve() : reject(new Error(String(xhr.status)))));
      xhr.addEventListener('error', () => reject(new Error('network')));
      xhr.send(data);
    });

  for (const form of document.querySelectorAll('form[data-upload]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = form.querySelector('input[type=file]');
      const result = form.querySelector('[data-result]');
      const box = form.querySelector('[data-progress]');
      const progress = box.querySelector('progress');
      const button = form.querySelector('button');
      const file = input.files?.[0];
      if (!file) {
        result.textContent = say('请先选择文件。', 'Choose a file first.');
        input.focus();
        return;
      }
      button.disabled = true;
      box.hidden = false;
      progress.value = 0;
      const csrf = form.dataset.csrf;
      try {
        result.textContent = say('正在申请上传…', 'Requesting the upload…');
        const granted = await post(
          form.action,
          { type: form.dataset.type, fileName: file.name, contentType: file.type, size: String(file.size) },
          csrf,
        );
        if (!granted.ok) throw new Error(granted.json.message || say('无法上传。', 'The upload was refused.'));
        result.textContent = say('正在上传…', 'Uploading…');
        await send(granted.json.upload, file, progress);
        result.textContent = say('正在检查文件…', 'Checking the file…');
        const checked = await post(granted.json.check, {}, csrf);
        result.textContent = checked.ok
          ? say('已通过检查。', 'Passed its check.')
          : checked.json.message || say('未通过检查。', 'Refused.');
        window.location.reload();
      } catch (error) {
        result.textContent = error instanceof Error ? error.message : String(error);
        button.disabled = false;
      }
    });
  }
})();
