import { runEventfulService } from '@jc/events';
import { creditScoringService } from './service';

void runEventfulService(creditScoringService);
