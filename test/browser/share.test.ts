// Share links: input values in the host page's URL fragment, one entry per embedded app.
import { expect } from '@open-wc/testing';
import { copyShareLink, readShare, shareKey, shareUrl } from '../../components/share/share.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;

describe('share links', () => {
  it('round-trips values, keeps the page’s own #anchor and other apps’ entries', () => {
    const base = 'https://blog.example/post.html?x=1#comments';
    const one = shareUrl('hello', { 3: 'Ada Lovelace', 4: 3, 7: ['a', 'ü', '😀'] }, base);
    const two = shareUrl('chat', { 1: 'hi' }, one);
    const again = shareUrl('hello', { 3: 'Grace' }, two);
    const url = new URL(again);
    expect(url.search).to.equal('?x=1');
    expect(url.hash.startsWith('#comments&')).to.equal(true);
    expect(url.hash.match(/ml-hello=/g)).to.have.length(1);
    expect(readShare('hello', again)).to.deep.equal({ 3: 'Grace' });
    expect(readShare('chat', again)).to.deep.equal({ 1: 'hi' });
    expect(readShare('hello', one)).to.deep.equal({ 3: 'Ada Lovelace', 4: 3, 7: ['a', 'ü', '😀'] });
    expect(readShare('other', again)).to.equal(null);
  });

  it('leaves out what a link cannot carry: local files, uploads only the server knows, huge values', () => {
    const url = shareUrl('k', {
      keep: 'text',
      file: new File(['x'], 'x.txt'),
      uploaded: { path: '/tmp/x.png', meta: { _type: 'gradio.FileData' } },
      remote: { path: 'x.png', url: 'https://app.example/file=x.png', meta: { _type: 'gradio.FileData' } },
      huge: 'x'.repeat(5000),
    }, 'https://a.example/');
    expect(readShare('k', url)).to.deep.equal({ keep: 'text', remote: { path: 'x.png', url: 'https://app.example/file=x.png', meta: { _type: 'gradio.FileData' } } });
  });

  it('a damaged link restores nothing instead of failing', () => {
    expect(readShare('k', 'https://a.example/#ml-k=%%%not-base64')).to.equal(null);
    expect(readShare('k', 'https://a.example/#ml-k=WzEsMl0')).to.equal(null, 'an array is not a value map');
  });

  it('keys an app by its id, else by its src', () => {
    const a = document.createElement('div');
    expect(shareKey(a, 'https://x.example/hello/')).to.equal(shareKey(a, 'https://x.example/hello/'));
    expect(shareKey(a, 'https://x.example/hello/')).to.not.equal(shareKey(a, 'https://x.example/chat/'));
    a.id = 'my app';
    expect(shareKey(a, 'https://x.example/hello/')).to.equal('my_app');
  });

  it('copyShareLink puts the link in the address bar without reloading or adding history', async () => {
    const before = history.length;
    const start = location.href;
    const { url } = await copyShareLink('t', { 1: 'hello' });
    expect(location.href).to.equal(url);
    expect(history.length).to.equal(before);
    expect(readShare('t')).to.deep.equal({ 1: 'hello' });
    history.replaceState(history.state, '', start);
  });
});
