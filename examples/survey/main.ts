// The survey example's pages: the Toile elements, registered once. The agency page asks for the
// token in a password field and hands it to its elements as a property (never in the address).
import '@toile/widgets/define';

const form = document.querySelector<HTMLFormElement>('form[data-agency-token]');
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = new FormData(form).get('token');
  if (typeof token !== 'string' || !token) return;
  for (const el of document.querySelectorAll<HTMLElement & { token?: string }>('[data-needs-token]')) el.token = token;
  form.hidden = true;
});
