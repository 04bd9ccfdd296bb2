import { expect, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import { ORIGIN, click, control, type, valueOf, waitFor, type A11yNode } from './app-helpers.js';


// The acceptance scenario: a page on another origin that loads only the built drop-in script (`npm run build`).
describe('the built drop-in script', () => {
  it('renders <ml-app src=…/hello/> from plain markup; typing Ada and pressing Submit shows Hello, Ada!', async () => {
    document.body.insertAdjacentHTML('beforeend', `<ml-app src="${ORIGIN}/hello/"></ml-app>`);
    const el = document.querySelector('ml-app')!;
    const rendered = oneEvent(el, 'ml-render');
    // @ts-expect-error: a built file, not a typed module
    await import('/dist/ml-elements.js');
    await rendered;
    expect(customElements.get('ml-app')).to.exist;

    const tree = (await a11ySnapshot({})) as unknown as A11yNode;
    const find = (role: string, name: string) => findAccessibilityNode(tree, (n: A11yNode) => n.role === role && n.name === name);
    expect(find('textbox', 'Name'), 'textbox Name').to.exist;
    expect(find('button', 'Submit'), 'button Submit').to.exist;

    await type(control(el, 'textbox', 'Name'), 'Ada');
    await click(control(el, 'button', 'Submit'));
    await waitFor(() => valueOf(control(el, 'textbox', 'Greeting')) === 'Hello, Ada!', 'greeting');
    const after = (await a11ySnapshot({})) as unknown as A11yNode;
    const greeting = findAccessibilityNode(after, (n: A11yNode) => n.role === 'textbox' && n.name === 'Greeting');
    expect(greeting?.value).to.equal('Hello, Ada!');
    el.remove();
  });
});
