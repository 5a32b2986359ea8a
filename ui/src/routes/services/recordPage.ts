// The page of one record of a Services list (a project, a consultation), or of a new one (no id):
// the record read, a save that opens a new record's page or reads the saved one again, and a
// delete that asks first, then goes back to the list.
import { push } from 'svelte-spa-router';
import { t } from '../../lib/i18n.svelte';
import { confirm, resource, toast } from '../../lib/ui';

export function recordPage<R extends { id: number }>(page: {
  /** Names the messages: `{kind}.delete_title`, `{kind}.delete_message`, `{kind}.deleted`. */
  kind: 'project' | 'consultation' | 'call' | 'regulation' | 'bulletin';
  /** The list's path; a record's page is under it. */
  list: string;
  /** The route's parameters (no id: a new record). */
  params: () => { id?: string };
  get: (id: number) => Promise<R>;
  delete: (id: number) => Promise<unknown>;
  /** The record's name in the delete dialog. */
  name: (record: R) => string;
}) {
  const id = () => {
    const param = page.params().id;
    return param ? Number(param) : null;
  };
  const record = resource<R | null>(() => {
    const at = id();
    return at === null ? Promise.resolve(null) : page.get(at);
  });

  async function saved(savedId: number) {
    toast(t('form.saved'));
    if (id() === null) await push(`${page.list}/${savedId}`);
    else await record.reload();
  }

  function remove(r: R) {
    return confirm({
      title: t(`${page.kind}.delete_title`),
      message: t(`${page.kind}.delete_message`, { name: page.name(r) }),
      danger: true,
      action: async () => {
        await page.delete(r.id);
        toast(t(`${page.kind}.deleted`));
        await push(page.list);
      },
    });
  }

  return { record, saved, remove, back: () => push(page.list) };
}
