import { runEventfulService } from '@jc/events';
import { limitAllocationService } from './service';

void runEventfulService(limitAllocationService);
