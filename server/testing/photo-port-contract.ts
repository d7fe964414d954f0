import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoPort } from '../commands/ports';

/** A photo port under test, with a way to make an unattached upload and to read where a photo is. */
export interface PhotoPortUnderTest {
  port: PhotoPort;
  upload(ownerId: string): Promise<string>;
  caseOf(photoId: string): Promise<string | null | undefined>;
  pollOf(photoId: string): Promise<string | null | undefined>;
  close(): Promise<void>;
}

/** The behaviours every PhotoPort must have, run against the mongo adapter and the in-memory one. */
export function describePhotoPortContract(name: string, make: () => Promise<PhotoPortUnderTest>): void {
  describe(`PhotoPort contract: ${name}`, () => {
    let subject: PhotoPortUnderTest;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(async () => subject?.close());

    it("claims the owner's free photos for a case", async () => {
      const [a, b] = [await subject.upload('owner-1'), await subject.upload('owner-1')];
      expect(await subject.port.claim([a, b], { caseId: 'case-a' }, 'owner-1')).toEqual([]);
      expect([await subject.caseOf(a), await subject.caseOf(b)]).toEqual(['case-a', 'case-a']);
    });

    it('claims none when one is not usable, naming the unusable ones', async () => {
      const own = await subject.upload('owner-2');
      const strangers = await subject.upload('owner-3');
      const taken = await subject.upload('owner-2');
      await subject.port.claim([taken], { caseId: 'case-b' }, 'owner-2');
      const missing = 'f'.repeat(32);
      const unusable = await subject.port.claim([own, strangers, taken, missing], { caseId: 'case-c' }, 'owner-2');
      expect(unusable.sort()).toEqual([strangers, taken, missing].sort());
      expect(await subject.caseOf(own)).toBeNull();
      expect(await subject.caseOf(taken)).toBe('case-b');
    });

    it('claims again for the same case (a retried filing)', async () => {
      const photo = await subject.upload('owner-4');
      await subject.port.claim([photo], { caseId: 'case-d' }, 'owner-4');
      expect(await subject.port.claim([photo], { caseId: 'case-d' }, 'owner-4')).toEqual([]);
    });

    it("releases a claim, and only that case's", async () => {
      const photo = await subject.upload('owner-5');
      await subject.port.claim([photo], { caseId: 'case-e' }, 'owner-5');
      await subject.port.release([photo], { caseId: 'case-other' });
      expect(await subject.caseOf(photo)).toBe('case-e');
      await subject.port.release([photo], { caseId: 'case-e' });
      expect(await subject.caseOf(photo)).toBeNull();
      expect(await subject.port.claim([photo], { caseId: 'case-f' }, 'owner-5')).toEqual([]);
    });

    it("claims the owner's free photos for a poll, and releases them when the draft drops them", async () => {
      const photo = await subject.upload('owner-6');
      expect(await subject.port.claim([photo], { pollId: 'poll-a' }, 'owner-6')).toEqual([]);
      expect([await subject.pollOf(photo), await subject.caseOf(photo)]).toEqual(['poll-a', null]);
      expect(await subject.port.claim([photo], { pollId: 'poll-a' }, 'owner-6')).toEqual([]);
      await subject.port.release([photo], { caseId: 'poll-a' });
      expect(await subject.pollOf(photo)).toBe('poll-a');
      await subject.port.release([photo], { pollId: 'poll-a' });
      expect(await subject.pollOf(photo)).toBeNull();
    });

    it('never lets a case and a poll hold the same photo', async () => {
      const [forCase, forPoll] = [await subject.upload('owner-7'), await subject.upload('owner-7')];
      await subject.port.claim([forCase], { caseId: 'case-g' }, 'owner-7');
      await subject.port.claim([forPoll], { pollId: 'poll-b' }, 'owner-7');
      expect(await subject.port.claim([forCase], { pollId: 'poll-c' }, 'owner-7')).toEqual([forCase]);
      expect(await subject.port.claim([forPoll], { caseId: 'case-h' }, 'owner-7')).toEqual([forPoll]);
      expect([await subject.caseOf(forCase), await subject.pollOf(forCase), await subject.caseOf(forPoll), await subject.pollOf(forPoll)]).toEqual(['case-g', null, null, 'poll-b']);
    });
  });
}
