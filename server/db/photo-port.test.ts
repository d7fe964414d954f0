import { randomBytes } from 'node:crypto';
import { describePhotoPortContract } from '../testing/photo-port-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoPhotoPort } from './photo-port';

describePhotoPortContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('photo_port_contract');
  const { Photo } = database.models;
  return {
    port: mongoPhotoPort(database),
    async upload(ownerId) {
      const id = randomBytes(16).toString('hex');
      // Without `pollId`, as photos stored before polls had photos are: a missing field must count as free.
      await Photo.collection.insertOne({ _id: id, ownerId, ownerRole: 'resident', bytes: 1, width: 1, height: 1, createdAt: new Date(), caseId: null } as never);
      return id;
    },
    caseOf: async (id) => (await Photo.findById(id).lean())?.caseId ?? (await Photo.exists({ _id: id }) ? null : undefined),
    pollOf: async (id) => (await Photo.findById(id).lean())?.pollId ?? (await Photo.exists({ _id: id }) ? null : undefined),
    close: () => dropTestDatabase(database),
  };
});
