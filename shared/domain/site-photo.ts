/** A photo from the site (a station's report, a deputy's visit): a JPEG or PNG as a data URL, at most ~300 kB. */
import { z } from 'zod';

export const SitePhoto = z
  .string()
  .max(400_000, 'a photo may be at most 300 kB')
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, 'a photo must be a JPEG or PNG data URL');
