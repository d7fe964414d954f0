import { describePhotoPortContract } from '../testing/photo-port-contract';
import { memoryPhotoPort } from './photo-port';

describePhotoPortContract('in memory', async () => {
  const port = memoryPhotoPort();
  return { port, upload: async (ownerId) => port.upload(ownerId), caseOf: async (id) => port.caseOf(id), pollOf: async (id) => port.pollOf(id), close: async () => {} };
});
