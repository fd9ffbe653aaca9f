// Calico's selector language lives in the model, which validates Calico selector expressions; the analyzer matches with it.
export * from '../../engines/calico/selector-language';
