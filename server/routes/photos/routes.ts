import { open } from 'node:fs/promises';
import type Router from '@koa/router';
import { roles } from '../../../shared/domain/roles';
import type { StoredPhoto } from '../../commands/ports';
import { optionalActorOf, requireRole } from '../../http/auth';
import { readRawBody } from '../../http/raw-body';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { describe } from '../../openapi/describe';
import { uploadedPhotoSchema, type UploadedPhoto } from '../../../shared/api/photos';
import { photoDownloadQuerySchema, photoIdParamSchema, photoUploadTypes } from '../../../shared/schemas/photos';

/** Case and poll photos: upload by any signed-in account, download by those the privacy policy allows (`maySeePhoto`). */
export function photoRoutes(router: Router, deps: AppDeps): void {
  const maxMb = Math.floor(deps.config.uploads.maxBytes / 1024 / 1024);
  const binary = { schema: { type: 'string', format: 'binary' } } as const;
  describe(router, {
    method: 'post',
    path: '/api/v1/photos',
    operationId: 'uploadPhoto',
    summary: '上传照片',
    description:
      `请求体为照片文件本身（JPEG、PNG、WebP，支持时含 HEIC），不超过 ${maxMb} MB（${deps.config.uploads.maxBytes} 字节）；服务端转为 JPEG 并生成缩略图。` +
      '得到的 id 用于上报与操作的 photos 字段。以 JSON 或表单提交，或内容经识别不是所列格式，回答 415；照片损坏或像素过多回答 422。',
    tag: '照片',
    access: 'signed_in',
    request: { raw: { required: true, content: Object.fromEntries(photoUploadTypes.map((type) => [type, { schema: { ...binary.schema, minLength: 1, maxLength: deps.config.uploads.maxBytes } }])) } },
    responses: { 201: { description: '已保存的照片', schema: uploadedPhotoSchema } },
    errors: [400, 403, 413, 415, 422],
  });
  router.post('/api/v1/photos', async (ctx) => {
    const actor = requireRole(ctx, roles);
    // Answered at once, unread: a structured body is never a photo, and waiting for one that never
    // finishes would hold the socket. Other declared types are let through: the bytes decide.
    if (ctx.request.is('json', 'urlencoded', 'multipart')) throw new AppError('photo.unsupported_content_type', `请以照片文件上传（Content-Type: ${photoUploadTypes.join('、')}）`, 415);
    const maxBytes = deps.config.uploads.maxBytes;
    const body = await readRawBody(ctx, maxBytes, {
      tooLarge: () => new AppError('photo.too_large', `照片不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`, 413, { maxBytes }),
      interrupted: () => new AppError('photo.upload_interrupted', '上传中断，请重试', 400),
    });
    const photo = await deps.useCases.photos.upload(actor, body);
    ctx.status = 201;
    ctx.body = present(photo);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/photos/:id',
    operationId: 'downloadPhoto',
    summary: '查看照片',
    description: '已附到案件上的照片按案件的隐私规则可看；议题背景照片能看该议题的人可看，其他人回答 404；尚未附上的照片仅上传者本人与工作人员可看。',
    tag: '照片',
    access: 'optional',
    request: {
      params: { schema: photoIdParamSchema, descriptions: { id: '照片编号' } },
      query: { schema: photoDownloadQuerySchema, descriptions: { size: '传 thumb 取缩略图' } },
    },
    responses: { 200: { description: 'JPEG 图片', content: { 'image/jpeg': binary } } },
    errors: [403, 404],
  });
  router.get('/api/v1/photos/:id', async (ctx) => {
    const { size } = parseInput(photoDownloadQuerySchema, ctx.query);
    const { id } = parseInput(photoIdParamSchema, ctx.params);
    // The privacy policy decides, inside the use case: a case's photo is shown as that case's fields are.
    const { filePath } = await deps.useCases.photos.forViewer(optionalActorOf(ctx), id, size ?? 'full');
    // Opened before answering, so a missing file is a logged 500 rather than a cut-off 200.
    const file = await open(filePath);
    const { size: length } = await file.stat().catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    ctx.type = 'image/jpeg';
    ctx.length = length;
    // Private: a photo may stop being visible to someone; shared caches must not keep it.
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = file.createReadStream();
  });
}

function present(photo: StoredPhoto): UploadedPhoto {
  const url = `/api/v1/photos/${photo.id}`;
  return { id: photo.id, width: photo.width, height: photo.height, bytes: photo.bytes, url, thumbnailUrl: `${url}?size=thumb` };
}
