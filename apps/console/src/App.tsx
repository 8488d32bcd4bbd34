import { Route, Routes } from 'react-router';
import { HomeRedirect, RequireSession, RequireStaff } from './auth/guards';
import { Layout } from './components/Layout';
import { AllocationPage } from './pages/allocation/AllocationPage';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { CustomerPage } from './pages/customer/CustomerPage';
import { CustomerSearchPage } from './pages/customer/CustomerSearchPage';
import { ModelsPage } from './pages/models/ModelsPage';
import { PortfolioPage } from './pages/portfolio/PortfolioPage';
import { SignInPage } from './pages/SignInPage';

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route element={<Layout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="customers/:id" element={<CustomerPage />} />
          <Route element={<RequireStaff />}>
            <Route path="customers" element={<CustomerSearchPage />} />
            <Route path="portfolio" element={<PortfolioPage />} />
            <Route path="campaigns" element={<CampaignsPage />} />
            <Route path="allocation" element={<AllocationPage />} />
            <Route path="models" element={<ModelsPage />} />
          </Route>
          <Route path="*" element={<HomeRedirect />} />
        </Route>
      </Route>
    </Routes>
  );
}
